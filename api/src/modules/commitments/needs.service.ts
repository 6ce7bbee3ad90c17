// The rules of the needs list (需求清单) and of the categories it is sorted by.
import type { FilterQuery } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import {
  inputField,
  noSuch,
  refused,
  userError,
  UserErrorCode,
  userErrorsFromZod,
  type Payload,
  type UserError,
} from '../../graphql/errors.js';
import { idOf } from '../../graphql/ids.js';
import type { ConnectionArgs, ConnectionData } from '../../graphql/connections.js';
import { paginate } from '../../graphql/paging.js';
import { authorize } from '../auth/policy.js';
import { Community } from '../directory/community.entity.js';
import { amountProblem, fromHundredths, toHundredths } from './amounts.js';
import { CommitmentCategory } from './category.entity.js';
import { NeedStatus, type Measure } from './commitment.enums.js';
import { needSchema } from './commitments.validation.js';
import { Need } from './need.entity.js';
import { z } from 'zod';
import type { ReadRow } from '../../graphql/read-rows.js';

export function listCategories(
  ctx: Context,
  includeInactive: boolean,
): Promise<CommitmentCategory[]> {
  return ctx.em.find(CommitmentCategory, includeInactive ? {} : { active: true }, {
    orderBy: { sortOrder: 'asc', id: 'asc' },
  });
}

const categorySchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,40}$/, 'Use 1–40 lower-case letters, digits or "-".'),
  name: z.string().trim().min(1, 'Name is required.').max(50),
  nameEn: z.string().trim().min(1, 'English name is required.').max(80),
  sortOrder: z.number().int().min(0).max(10_000).nullish(),
});

export async function createCategory(
  ctx: Context,
  input: { code: string; name: string; nameEn: string; sortOrder?: number | null },
): Promise<Payload<'category', CommitmentCategory>> {
  authorize(ctx.viewer, 'category.manage');
  const parsed = categorySchema.safeParse(input);
  if (!parsed.success) return refused('category', ...userErrorsFromZod(parsed.error));
  const taken = await ctx.em.count(CommitmentCategory, {
    $or: [{ code: parsed.data.code }, { name: parsed.data.name }],
  });
  if (taken)
    return refused(
      'category',
      userError(
        UserErrorCode.TAKEN,
        'A category with this code or name exists.',
        inputField('code'),
      ),
    );
  const category = ctx.em.create(CommitmentCategory, {
    ...parsed.data,
    sortOrder: parsed.data.sortOrder ?? 100,
  });
  await ctx.em.flush();
  return { category, errors: [] };
}

export async function updateCategory(
  ctx: Context,
  input: {
    id: string;
    name?: string | null;
    nameEn?: string | null;
    sortOrder?: number | null;
    active?: boolean | null;
  },
): Promise<Payload<'category', CommitmentCategory>> {
  authorize(ctx.viewer, 'category.manage');
  const id = idOf(input.id, 'CommitmentCategory');
  const category = id ? await ctx.em.findOne(CommitmentCategory, id) : null;
  if (!category) return refused('category', noSuch('category', 'id'));
  const parsed = categorySchema.partial().safeParse({
    name: input.name ?? undefined,
    nameEn: input.nameEn ?? undefined,
    sortOrder: input.sortOrder ?? undefined,
  });
  if (!parsed.success) return refused('category', ...userErrorsFromZod(parsed.error));
  ctx.em.assign(
    category,
    Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)),
  );
  if (input.active != null) category.active = input.active;
  await ctx.em.flush();
  return { category, errors: [] };
}

export function listNeeds(
  ctx: Context,
  filter: { communityId?: string | null; categoryId?: string | null; status?: NeedStatus | null },
  args: ConnectionArgs,
): Promise<ConnectionData<ReadRow<Need>>> {
  ctx.viewer.requireUser();
  const where: FilterQuery<Need> = {};
  if (filter.communityId) where.community = idOf(filter.communityId, 'Community') ?? 0;
  if (filter.categoryId) where.category = idOf(filter.categoryId, 'CommitmentCategory') ?? 0;
  if (filter.status) where.status = filter.status;
  return paginate(ctx.em, Need, { where, keys: ['id'], args });
}

export async function createNeed(
  ctx: Context,
  input: {
    communityId: string;
    categoryId: string;
    title: string;
    description?: string | null;
    measure: Measure;
    amount: number;
  },
): Promise<Payload<'need', Need>> {
  const user = ctx.viewer.requireUser();
  const communityId = idOf(input.communityId, 'Community');
  const community = communityId ? await ctx.em.findOne(Community, communityId) : null;
  if (!community) return refused('need', noSuch('community', 'communityId'));
  authorize(ctx.viewer, 'need.manage', { communityId: community.id });
  const parsed = needSchema.safeParse(input);
  if (!parsed.success) return refused('need', ...userErrorsFromZod(parsed.error));
  const errors: UserError[] = [];
  const problem = amountProblem(parsed.data.amount, parsed.data.measure);
  if (problem) errors.push(userError(UserErrorCode.INVALID, problem, inputField('amount')));
  const categoryId = idOf(input.categoryId, 'CommitmentCategory');
  const category = categoryId
    ? await ctx.em.findOne(CommitmentCategory, { id: categoryId, active: true })
    : null;
  if (!category)
    errors.push(
      userError(UserErrorCode.NOT_FOUND, 'Choose an active category.', inputField('categoryId')),
    );
  if (errors.length) return refused('need', ...errors);
  const need = ctx.em.create(Need, {
    community,
    category: category!,
    title: parsed.data.title,
    description: parsed.data.description ?? '',
    measure: parsed.data.measure,
    amount: fromHundredths(toHundredths(parsed.data.amount)),
    createdBy: user,
  });
  await ctx.em.flush();
  return { need, errors: [] };
}

export async function setNeedStatus(
  ctx: Context,
  input: { id: string; status: NeedStatus },
): Promise<Payload<'need', Need>> {
  ctx.viewer.requireUser();
  const id = idOf(input.id, 'Need');
  const need = id ? await ctx.em.findOne(Need, id) : null;
  if (!need) return refused('need', noSuch('need', 'id'));
  authorize(ctx.viewer, 'need.manage', { communityId: need.community.id });
  need.status = input.status;
  await ctx.em.flush();
  return { need, errors: [] };
}

export { NeedStatus };
