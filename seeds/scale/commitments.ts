// Co-building: each community's needs, the units' commitments with their history, and their
// fulfilment records, keeping the invariants of modules/commitments:
// - the history (commitment_event) follows lifecycle.ts and ends in the current status;
// - verified_amount / pending_amount are the sums of the VERIFIED / PENDING records;
// - COMPLETED means verified ≥ target; LAPSED means the period ended before today with
//   verified < target; ACTIVE means the period has not ended and verified < target;
// - records fall within their period and before today, in whole numbers where the measure
//   says (WHOLE_MEASURES), in half hours and hundreds of yuan otherwise.
import { Measure, WHOLE_MEASURES } from '../../api/src/modules/commitments/commitment.enums.js';
import { amount, type Directory, type GenerationContext } from './context.js';
import type { Cell } from './copy.js';
import { apportion, createRandom, distribute } from './random.js';
import { addDays, at, DAY, daysBetween, HOUR, MINUTE } from './time.js';
import {
  COMMITMENT_TEMPLATES,
  FULFILMENT_REJECT_REASONS,
  NEED_TITLES,
  REJECT_REASONS,
  type CategoryCode,
} from './vocabulary.js';

/** What the volunteer-service generator needs to know about a commitment. */
export interface CommitmentRef {
  id: number;
  unitIndex: number;
  periodEnd: string;
}

type Status = 'DRAFT' | 'SUBMITTED' | 'ACTIVE' | 'COMPLETED' | 'LAPSED' | 'REJECTED' | 'WITHDRAWN';

interface PlannedCommitment {
  unitIndex: number;
  template: number;
  needId: number | null;
  periodStart: string;
  periodEnd: string;
  label: string;
  status: Status;
  records: number;
}

/** The smallest step of an amount, in hundredths. */
const granule = (m: Measure) =>
  m === Measure.VOLUNTEER_HOURS ? 50 : m === Measure.FUNDS_YUAN ? 10_000 : 100;
const roundUp = (x: number, step: number) => Math.ceil(x / step) * step;
const roundDown = (x: number, step: number) => Math.floor(x / step) * step;
/** The step a person rounds a target to. */
function niceStep(x: number, m: Measure): number {
  if (m === Measure.FUNDS_YUAN) return x >= 1_000_000 ? 100_000 : 10_000;
  if (m === Measure.VOLUNTEER_HOURS) return x >= 10_000 ? 1_000 : 500;
  return x >= 20_000 ? 1_000 : x >= 6_000 ? 500 : 100;
}

export async function generateCoBuilding(
  ctx: GenerationContext,
  directory: Directory,
): Promise<{ volunteerHourCommitments: CommitmentRef[] }> {
  const r = createRandom(ctx.seed, 'commitments');
  const { preset, today, year } = ctx;
  const yesterday = addDays(today, -1);
  const y = String(year);
  const periods: readonly (readonly [string, string, string, number])[] = [
    [`${y}-01-01`, `${y}-12-31`, `${y}年全年`, 55],
    [`${y}-01-01`, `${y}-06-30`, `${y}年上半年`, 8],
    [`${y}-07-01`, `${y}-12-31`, `${y}年下半年`, 10],
    [`${y}-01-01`, `${y}-03-31`, `${y}年第一季度`, 5],
    [`${y}-04-01`, `${y}-06-30`, `${y}年第二季度`, 5],
    [`${y}-07-01`, `${y}-09-30`, `${y}年第三季度`, 5],
    [`${y}-10-01`, `${y}-12-31`, `${y}年第四季度`, 5],
    [`${year + 1}-01-01`, `${year + 1}-12-31`, `${year + 1}年全年`, 3],
  ];

  // ---- needs
  const needRows: Cell[][] = [];
  const needsOf = new Map<string, number>(); // `${community}:${category}:${measure}` → need id
  directory.communities.forEach((community, ci) => {
    const titles = r.shuffle(NEED_TITLES).slice(0, preset.needsPerCommunity);
    for (const [category, title, measure] of titles) {
      const id = needRows.length + 1;
      const created = new Date(at(`${year - 1}-12-${String(r.int(10, 28))}`, r.int(540, 1050)));
      const size =
        measure === Measure.FUNDS_YUAN
          ? r.int(5, 50) * 1_000_000
          : measure === Measure.VOLUNTEER_HOURS
            ? r.int(20, 200) * 1_000
            : r.int(10, 120) * 100;
      needRows.push([
        id,
        created,
        created,
        community.id,
        ctx.categories.get(category)!,
        title,
        `${community.name}${title}，欢迎驻区单位认领。`,
        measure,
        amount(size),
        r.chance(0.85) ? 'OPEN' : 'CLOSED',
        community.staffUserIds[0]!,
        1,
      ]);
      needsOf.set(`${ci}:${category}:${measure}`, id);
    }
  });
  await ctx.copy(
    'need',
    [
      'id',
      'created_at',
      'updated_at',
      'community_id',
      'category_id',
      'title',
      'description',
      'measure',
      'amount',
      'status',
      'created_by_id',
      'version',
    ],
    needRows,
  );

  // ---- plan the commitments (small: one object each), then their record counts
  const perUnit = distribute(r, preset.commitments, directory.units.length, 0.6, 1);
  const planned: PlannedCommitment[] = [];
  directory.units.forEach((unit, unitIndex) => {
    const templates = r.shuffle(COMMITMENT_TEMPLATES.map((_, i) => i));
    for (let k = 0; k < perUnit[unitIndex]!; k++) {
      const template = templates[k % templates.length]!;
      const t = COMMITMENT_TEMPLATES[template]!;
      const [periodStart, periodEnd, label] = r.weighted(periods.map((p) => [p, p[3]] as const));
      let status: Status;
      if (periodEnd < today)
        status = r.weighted<Status>([
          ['COMPLETED', 68],
          ['LAPSED', 20],
          ['REJECTED', 5],
          ['WITHDRAWN', 7],
        ]);
      else if (periodStart <= yesterday)
        status = r.weighted<Status>([
          ['ACTIVE', 74],
          ['COMPLETED', 9],
          ['SUBMITTED', 5],
          ['DRAFT', 4],
          ['REJECTED', 4],
          ['WITHDRAWN', 4],
        ]);
      else
        status = r.weighted<Status>([
          ['DRAFT', 40],
          ['SUBMITTED', 35],
          ['ACTIVE', 25],
        ]);
      const needId = r.chance(0.5)
        ? (needsOf.get(`${unit.communityIndex}:${t.category}:${t.measure}`) ?? null)
        : null;
      planned.push({
        unitIndex,
        template,
        needId,
        periodStart,
        periodEnd,
        label,
        status,
        records: 0,
      });
    }
  });
  // Records go to commitments that were accepted and whose period has begun.
  const weights = planned.map((c) => {
    if (c.periodStart > yesterday) return 0;
    if (c.status === 'COMPLETED') return 1.2 * r.between(0.5, 1.5);
    if (c.status === 'LAPSED') return 0.8 * r.between(0.5, 1.5);
    if (c.status === 'ACTIVE') {
      const elapsed =
        daysBetween(c.periodStart, today) / (daysBetween(c.periodStart, c.periodEnd) + 1);
      return Math.max(0.1, elapsed) * r.between(0.5, 1.5);
    }
    return 0;
  });
  const recordable = planned.flatMap((c, i) => (weights[i]! > 0 ? [i] : []));
  const counts = apportion(
    preset.fulfilments,
    recordable.map((i) => weights[i]!),
    1,
  );
  recordable.forEach((i, k) => (planned[i]!.records = counts[k]!));

  // ---- write commitments with their records and history, streaming
  // Each commitment draws from its own stream, so its rows can be rebuilt for each table's COPY
  // instead of being held in memory (records and events are written after all commitments).
  const firstRecordId: number[] = [];
  let nextRecordId = 1;
  const firstEventId: number[] = [];
  let nextEventId = 1;
  const build = (index: number) => {
    {
      const c = planned[index]!;
      const r = createRandom(ctx.seed, `commitment:${index}`);
      const id = index + 1;
      let fulfilmentId = (firstRecordId[index] ??= nextRecordId) - 1;
      const t = COMMITMENT_TEMPLATES[c.template]!;
      const unit = directory.units[c.unitIndex]!;
      const community = directory.communities[unit.communityIndex]!;
      const staff = r.pick(community.staffUserIds);
      const liaison = unit.liaisonUserId;
      const g = granule(t.measure);

      // Records: dated within the period up to yesterday, in date order.
      const lastDay = c.periodEnd < yesterday ? c.periodEnd : yesterday;
      const span = Math.max(0, daysBetween(c.periodStart, lastDay));
      const days = Array.from({ length: c.records }, () =>
        addDays(c.periodStart, r.int(0, span)),
      ).sort();
      let verified = 0;
      let pending = 0;
      let lastVerifiedAt = 0;
      const recordRows: Cell[][] = [];
      for (const [k, day] of days.entries()) {
        const [lo, hi] = t.perRecord;
        const size = Math.max(g, roundDown(Math.round(r.between(lo, hi) * 100), g));
        const recent = daysBetween(day, today) <= 10;
        let status: 'VERIFIED' | 'PENDING' | 'REJECTED' =
          c.status === 'ACTIVE' && recent
            ? r.chance(0.7)
              ? 'PENDING'
              : 'VERIFIED'
            : r.weighted([
                ['VERIFIED', 90],
                ['REJECTED', 6],
                ['PENDING', c.status === 'COMPLETED' ? 0 : 4],
              ]);
        if (c.status === 'COMPLETED' && k === days.length - 1) status = 'VERIFIED';
        const createdAt = at(day, r.int(15 * 60, 19 * 60));
        let reviewedAt: number | null = null;
        if (status !== 'PENDING') {
          reviewedAt = Math.min(createdAt + r.int(2 * 60, 72 * 60) * MINUTE, ctx.now - HOUR);
          if (reviewedAt <= createdAt) reviewedAt = createdAt + MINUTE;
        }
        if (status === 'VERIFIED') {
          verified += size;
          lastVerifiedAt = Math.max(lastVerifiedAt, reviewedAt!);
        }
        if (status === 'PENDING') pending += size;
        recordRows.push([
          ++fulfilmentId,
          new Date(createdAt),
          new Date(reviewedAt ?? createdAt),
          id,
          amount(size),
          day,
          `${t.doing} ${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`,
          status,
          'MANUAL',
          null,
          liaison,
          status === 'PENDING' ? null : staff,
          reviewedAt === null ? null : new Date(reviewedAt),
          status === 'REJECTED' ? r.pick(FULFILMENT_REJECT_REASONS) : '',
        ]);
      }

      // The target follows from what was achieved and the status.
      const [lo, hi] = t.perRecord;
      const typical = Math.round(((lo + hi) / 2) * 100);
      let target: number;
      if (c.status === 'COMPLETED') {
        target = Math.max(
          g,
          roundDown(verified * r.between(0.8, 1), niceStep(verified, t.measure)),
        );
        if (target > verified) target = Math.max(g, roundDown(verified, g));
      } else if (verified > 0 && (c.status === 'ACTIVE' || c.status === 'LAPSED')) {
        const elapsed =
          daysBetween(c.periodStart, today) / (daysBetween(c.periodStart, c.periodEnd) + 1);
        const ratio =
          c.status === 'LAPSED'
            ? r.between(0.3, 0.92)
            : Math.min(0.95, Math.max(0.05, Math.min(1, elapsed) * r.between(0.55, 1.25)));
        target = roundUp(verified / ratio, niceStep(verified / ratio, t.measure));
        if (target <= verified) target = roundUp(verified + g, g);
      } else {
        const x = typical * r.between(6, 16);
        target = Math.max(g, roundUp(x, niceStep(x, t.measure)));
      }
      if (WHOLE_MEASURES.has(t.measure) && target % 100) target = roundUp(target, 100);

      // History: create → submit → accept/reject/withdraw → complete/lapse.
      const created = at(addDays(c.periodStart, -r.int(5, 40)), r.int(540, 1050));
      const history: [string, string | null, string, number, number | null, string][] = [];
      let time = Math.min(created, ctx.now - 3 * DAY);
      const step = (
        action: string,
        from: string | null,
        to: string,
        actor: number | null,
        note = '',
      ) => {
        history.push([action, from, to, time, actor, note]);
        time = Math.min(time + r.int(2 * 60, 5 * 24 * 60) * MINUTE, ctx.now - HOUR);
      };
      step('CREATE', null, 'DRAFT', liaison);
      if (c.status !== 'DRAFT') {
        if (c.status === 'WITHDRAWN' && r.chance(0.3))
          step('WITHDRAW', 'DRAFT', 'WITHDRAWN', liaison);
        else {
          step('SUBMIT', 'DRAFT', 'SUBMITTED', liaison);
          if (c.status === 'REJECTED')
            step('REJECT', 'SUBMITTED', 'REJECTED', staff, r.pick(REJECT_REASONS));
          else if (c.status === 'WITHDRAWN' && r.chance(0.5))
            step('WITHDRAW', 'SUBMITTED', 'WITHDRAWN', liaison);
          else if (c.status !== 'SUBMITTED') {
            step('ACCEPT', 'SUBMITTED', 'ACTIVE', staff);
            if (c.status === 'WITHDRAWN') step('WITHDRAW', 'ACTIVE', 'WITHDRAWN', liaison);
            if (c.status === 'COMPLETED') {
              time = Math.max(time, lastVerifiedAt);
              step('COMPLETE', 'ACTIVE', 'COMPLETED', null);
            }
            if (c.status === 'LAPSED') {
              time = Math.max(time, at(addDays(c.periodEnd, 1), 60 + r.int(0, 30)));
              step('LAPSE', 'ACTIVE', 'LAPSED', null);
            }
          }
        }
      }
      nextRecordId = Math.max(nextRecordId, fulfilmentId + 1);
      let eventId = (firstEventId[index] ??= nextEventId) - 1;
      const eventRows = history.map(([action, from, to, when, actor, note]) => [
        ++eventId,
        new Date(when),
        new Date(when),
        id,
        actor,
        action,
        from,
        to,
        note,
      ]);
      nextEventId = Math.max(nextEventId, eventId + 1);
      const updated = Math.max(history[history.length - 1]![3], lastVerifiedAt);
      const commitmentRow: Cell[] = [
        id,
        new Date(history[0]![3]),
        new Date(updated),
        unit.id,
        community.id,
        ctx.categories.get(t.category as CategoryCode)!,
        c.needId,
        t.title,
        `${unit.name}${c.label}${t.title}。`,
        t.measure,
        amount(target),
        c.periodStart,
        c.periodEnd,
        c.status,
        amount(verified),
        amount(pending),
        null,
        liaison,
        history.length,
      ];
      return { commitmentRow, recordRows, eventRows };
    }
  };
  function* rowsOf(part: 'commitmentRow' | 'recordRows' | 'eventRows'): Generator<Cell[]> {
    for (let index = 0; index < planned.length; index++) {
      const built = build(index);
      if (part === 'commitmentRow') yield built.commitmentRow;
      else yield* built[part];
    }
  }
  const refs: CommitmentRef[] = planned.flatMap((c, index) =>
    c.status === 'ACTIVE' && COMMITMENT_TEMPLATES[c.template]!.measure === Measure.VOLUNTEER_HOURS
      ? [{ id: index + 1, unitIndex: c.unitIndex, periodEnd: c.periodEnd }]
      : [],
  );
  // Commitments first (records and events reference them), buffering a batch of their rows.
  await ctx.copy(
    'commitment',
    [
      'id',
      'created_at',
      'updated_at',
      'unit_id',
      'community_id',
      'category_id',
      'need_id',
      'title',
      'description',
      'measure',
      'target_amount',
      'period_start',
      'period_end',
      'status',
      'verified_amount',
      'pending_amount',
      'proposed_target_amount',
      'created_by_id',
      'version',
    ],
    rowsOf('commitmentRow'),
  );
  await ctx.copy(
    'fulfilment',
    [
      'id',
      'created_at',
      'updated_at',
      'commitment_id',
      'amount',
      'date',
      'note',
      'status',
      'source',
      'source_key',
      'recorded_by_id',
      'reviewed_by_id',
      'reviewed_at',
      'review_note',
    ],
    rowsOf('recordRows'),
  );
  await ctx.copy(
    'commitment_event',
    [
      'id',
      'created_at',
      'updated_at',
      'commitment_id',
      'actor_id',
      'action',
      'from_status',
      'to_status',
      'note',
    ],
    rowsOf('eventRows'),
  );
  return { volunteerHourCommitments: refs };
}
