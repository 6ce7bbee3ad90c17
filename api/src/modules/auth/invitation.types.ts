// GraphQL inputs and payloads of liaison invitations: issuing a link, reading it, taking it up.
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/errors.js';
import { Unit } from '../directory/unit.entity.js';
import { User } from './user.entity.js';

export enum LiaisonAccountStatus {
  NONE = 'NONE',
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
}
registerEnumType(LiaisonAccountStatus, {
  name: 'LiaisonAccountStatus',
  valuesConfig: {
    NONE: { description: 'No liaison account: nobody can sign in for the unit.' },
    INVITED: { description: 'Invited: the account waits for its liaison to set a password.' },
    ACTIVE: { description: 'A liaison can sign in.' },
  },
});

@ObjectType({ description: 'Whether someone can sign in for a unit, for those who invite them.' })
export class UnitLiaisonAccount {
  @Field(() => LiaisonAccountStatus) status!: LiaisonAccountStatus;

  @Field(() => Date, {
    nullable: true,
    description: 'When the open invitation link expires (INVITED only; in the past when expired).',
  })
  invitationExpiresAt!: Date | null;
}

@InputType()
export class InviteUnitLiaisonInput {
  @Field(() => ID) unitId!: string;
  @Field(() => String, { description: 'The liaison’s real name.' }) displayName!: string;
  @Field(() => String, { nullable: true, description: '11-digit mobile number.' })
  phone?: string | null;
}

@ObjectType({ description: 'A one-time link that lets a unit’s liaison set their password.' })
export class LiaisonInvitationLink {
  @Field(() => String, { description: 'Absolute web address; shown once, never stored.' })
  url!: string;

  @Field(() => Date) expiresAt!: Date;

  @Field(() => User) liaison!: User;
}

@ObjectType()
export class InviteUnitLiaisonPayload {
  @Field(() => Unit, { nullable: true }) unit!: Unit | null;
  @Field(() => LiaisonInvitationLink, { nullable: true }) invitation!: LiaisonInvitationLink | null;
  @Field(() => [UserError]) errors!: UserError[];
}

export enum LiaisonInvitationStatus {
  VALID = 'VALID',
  USED = 'USED',
  EXPIRED = 'EXPIRED',
  INVALID = 'INVALID',
}
registerEnumType(LiaisonInvitationStatus, {
  name: 'LiaisonInvitationStatus',
  valuesConfig: {
    VALID: { description: 'Can be taken up now.' },
    USED: { description: 'Already taken up.' },
    EXPIRED: { description: 'Past its expiry.' },
    INVALID: { description: 'Unknown, or replaced by a newer link.' },
  },
});

@ObjectType({
  description: 'What an invitation link opens; the details only while it is VALID.',
})
export class LiaisonInvitationPreview {
  @Field(() => LiaisonInvitationStatus) status!: LiaisonInvitationStatus;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field(() => String, { nullable: true }) displayName!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The username assigned with the invitation; the liaison may choose another.',
  })
  username!: string | null;
}

@InputType()
export class AcceptLiaisonInvitationInput {
  @Field(() => String) token!: string;
  @Field(() => String) username!: string;
  @Field(() => String) password!: string;
}
