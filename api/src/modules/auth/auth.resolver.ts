// GraphQL surface of accounts and logins; the rules are in auth.service.ts and policy.ts.
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { registerNode } from '../../graphql/node.js';
import { Community } from '../directory/community.entity.js';
import { Unit } from '../directory/unit.entity.js';
import * as auth from './auth.service.js';
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
import { can } from './policy.js';
import type { Scope } from './roles.js';
import { User } from './user.entity.js';

/**
 * Whether the viewer may see `user` unmasked (policy `user.read`). A liaison's community is
 * their unit's: it is looked up (through the per-request loader) only when the account does not
 * carry it and the answer could depend on it.
 */
async function canReadUser(ctx: Context, user: User): Promise<boolean> {
  const scope: Scope = {
    userId: user.id,
    communityId: user.community?.id ?? null,
    unitId: user.unit?.id ?? null,
  };
  if (can(ctx.viewer, 'user.read', scope)) return true;
  if (scope.communityId !== null || !user.unit || !ctx.viewer.isAuthenticated) return false;
  const unit = await ctx.loaders.directory.unit.load(user.unit.id);
  return (
    unit !== null && can(ctx.viewer, 'user.read', { ...scope, communityId: unit.community.id })
  );
}

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
  community(@Root() user: User, @Ctx() ctx: Context): Promise<Community | null> | null {
    return user.community ? ctx.loaders.directory.community.load(user.community.id) : null;
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() user: User, @Ctx() ctx: Context): Promise<Unit | null> | null {
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
    description: 'Your chosen interface language (zh-CN or en); null until chosen or for others.',
  })
  language(@Root() user: User, @Ctx() ctx: Context): string | null {
    return ctx.viewer.user?.id === user.id ? user.language : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Only ever shown on your own account.',
  })
  email(@Root() user: User, @Ctx() ctx: Context): string | null {
    return ctx.viewer.user?.id === user.id ? user.email : null;
  }
}

registerNode('User', async (ctx, id) => {
  const user = await ctx.loaders.auth.user.load(id);
  return user && (await canReadUser(ctx, user)) ? user : null;
});
