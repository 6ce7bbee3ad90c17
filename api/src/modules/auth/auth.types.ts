// GraphQL inputs and payloads of the auth capability.
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Role, User } from './user.entity.js';

@InputType()
export class LoginInput {
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, {
    nullable: true,
    description: 'Bearer token for the Authorization header.',
  })
  token!: string | null;

  @Field(() => User, { nullable: true })
  viewer!: User | null;

  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class LogoutInput {
  @Field(() => Boolean, { nullable: true, description: 'Sign out on every device.' })
  allSessions?: boolean | null;
}

@ObjectType()
export class LogoutPayload {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [UserError]) errors!: UserError[];
}

@InputType()
export class RegisterVolunteerInput {
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The password typed again; when given, it must be the same.',
  })
  passwordConfirmation?: string | null;
  @Field(() => String, { description: 'Real name (实名).' }) displayName!: string;
  @Field(() => String, { description: '11-digit mobile number.' }) phone!: string;
  @Field(() => ID) communityId!: string;
}

@InputType()
export class CreateUserInput {
  @Field(() => String) username!: string;
  @Field(() => String, { description: 'Initial password; at least 8 characters.' })
  password!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'Required for every role but STREET_ADMIN and UNIT_LIAISON.',
  })
  communityId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Required for UNIT_LIAISON.' })
  unitId?: string | null;
}

@ObjectType()
export class CreateUserPayload {
  @Field(() => User, { nullable: true }) user!: User | null;
  @Field(() => [UserError]) errors!: UserError[];
}

/** The interface languages; the web app and e-mails speak these. */
export const LANGUAGES = ['zh-CN', 'en'] as const;

@InputType()
export class SetMyLanguageInput {
  @Field(() => String, { description: 'zh-CN or en.' }) language!: string;
}

@ObjectType()
export class SetMyLanguagePayload {
  @Field(() => User, { nullable: true }) viewer!: User | null;
  @Field(() => [UserError]) errors!: UserError[];
}
