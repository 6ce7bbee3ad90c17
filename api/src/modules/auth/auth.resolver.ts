// GraphQL surface of accounts and logins; the rules are in auth.service.ts and policy.ts.
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import * as auth from './auth.service.js';
import { acceptLiaisonInvitation, previewInvitation } from './accept-invitation.js';
import { AcceptLiaisonInvitationInput, LiaisonInvitationPreview } from './invitation.types.js';
import {
  CreateUserInput,
  CreateUserPayload,
  LoginInput,
  LoginPayload,
  LogoutInput,
  LogoutPayload,
  RegisterVolunteerInput,
  SetMyLanguageInput,
  SetMyLanguagePayload,
} from './auth.types.js';
import { maskName, maskPhone } from './masking.js';
import { canReadOwnSettings, canReadUser as userReadable } from './accounts.policy.js';
import { User } from './user.entity.js';
import type { ReadRow } from '../../graphql/read-rows.js';

/** Policy 'user.read', a liaison's community looked up through the per-request unit loader. */
const canReadUser = (ctx: Context, user: ReadRow<User>) =>
  userReadable(ctx.viewer, user, async (unitId) => {
    const unit = await ctx.loaders.directory.unit.load(unitId);
    return unit?.community.id ?? null;
  });

@Resolver(() => User)
export class AuthResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null.' })
  viewer(@Ctx() ctx: Context): User | null {
    return ctx.viewer.user;
  }

  @Mutation(() => LoginPayload)
  async login(
    @Arg('input', () => LoginInput) input: LoginInput,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    const { token, user, errors } = await auth.login(ctx, input);
    return { token, viewer: user, errors };
  }

  @Mutation(() => LogoutPayload)
  async logout(
    @Arg('input', () => LogoutInput, { nullable: true }) input: LogoutInput | null,
    @Ctx() ctx: Context,
  ): Promise<LogoutPayload> {
    await auth.logout(ctx, input ?? {});
    return { ok: true, errors: [] };
  }

  @Mutation(() => LoginPayload, { description: 'Public: a resident signs up as a volunteer.' })
  async registerVolunteer(
    @Arg('input', () => RegisterVolunteerInput) input: RegisterVolunteerInput,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    const { token, user, errors } = await auth.registerVolunteer(ctx, input);
    return { token, viewer: user, errors };
  }

  @Query(() => LiaisonInvitationPreview, {
    description: 'Public: what a liaison invitation link opens (its details only while usable).',
  })
  liaisonInvitation(
    @Arg('token', () => String) token: string,
    @Ctx() ctx: Context,
  ): Promise<LiaisonInvitationPreview> {
    return previewInvitation(ctx, token);
  }

  @Mutation(() => LoginPayload, {
    description:
      'Public: the invited liaison sets their username and password and is signed in; the link works once.',
  })
  async acceptLiaisonInvitation(
    @Arg('input', () => AcceptLiaisonInvitationInput) input: AcceptLiaisonInvitationInput,
    @Ctx() ctx: Context,
  ): Promise<LoginPayload> {
    const { token, user, errors } = await acceptLiaisonInvitation(ctx, input);
    return { token, viewer: user, errors };
  }

  @Mutation(() => SetMyLanguagePayload, {
    description: 'Remembers your interface language (zh-CN or en) for every device.',
  })
  setMyLanguage(
    @Arg('input', () => SetMyLanguageInput) input: SetMyLanguageInput,
    @Ctx() ctx: Context,
  ): Promise<SetMyLanguagePayload> {
    return auth.setMyLanguage(ctx, input);
  }

  @Mutation(() => CreateUserPayload)
  async createUser(
    @Arg('input', () => CreateUserInput) input: CreateUserInput,
    @Ctx() ctx: Context,
  ): Promise<CreateUserPayload> {
    return auth.createUser(ctx, input);
  }

  @FieldResolver(() => Community, { nullable: true })
  community(@Root() user: User, @Ctx() ctx: Context): Promise<ReadRow<Community> | null> | null {
    return user.community ? ctx.loaders.directory.community.load(user.community.id) : null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() user: User, @Ctx() ctx: Context): Promise<ReadRow<Unit> | null> | null {
    return user.unit ? ctx.loaders.directory.unit.load(user.unit.id) : null;
  }

  @FieldResolver(() => String, {
    description:
      'Masked (张*) unless it is your own, you are the office or its community’s staff, or a liaison of the same unit.',
  })
  async displayName(@Root() user: User, @Ctx() ctx: Context): Promise<string> {
    return (await canReadUser(ctx, user)) ? user.displayName : maskName(user.displayName)!;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Masked unless it is your own or you manage this person.',
  })
  async phone(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await canReadUser(ctx, user)) ? user.phone : maskPhone(user.phone);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The sign-in name: yours, and of those whose account you may read (user.read); null otherwise, so login names are not handed out.',
  })
  async username(@Root() user: User, @Ctx() ctx: Context): Promise<string | null> {
    return (await canReadUser(ctx, user)) ? user.username : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Your chosen interface language (zh-CN or en); null until chosen or for others.',
  })
  language(@Root() user: User, @Ctx() ctx: Context): string | null {
    return canReadOwnSettings(ctx.viewer, user) ? user.language : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Only ever shown on your own account.',
  })
  email(@Root() user: User, @Ctx() ctx: Context): string | null {
    return canReadOwnSettings(ctx.viewer, user) ? user.email : null;
  }
}

registerNode('User', async (ctx, id) => {
  const user = await ctx.loaders.auth.user.load(id);
  return user && (await canReadUser(ctx, user)) ? user : null;
});
