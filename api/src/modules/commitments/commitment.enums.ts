// The vocabularies of the co-building capability, shared by entities, GraphQL and rules.
import { registerEnumType } from 'type-graphql';

export enum Measure {
  VOLUNTEER_HOURS = 'VOLUNTEER_HOURS',
  EVENTS = 'EVENTS',
  PEOPLE_SERVED = 'PEOPLE_SERVED',
  FUNDS_YUAN = 'FUNDS_YUAN',
  VENUE_SESSIONS = 'VENUE_SESSIONS',
  ITEMS = 'ITEMS',
}
registerEnumType(Measure, {
  name: 'Measure',
  description: 'What a need or a commitment is counted in.',
  valuesConfig: {
    VOLUNTEER_HOURS: { description: '志愿服务时长（小时） volunteer hours' },
    EVENTS: { description: '活动（场） events' },
    PEOPLE_SERVED: { description: '服务人次 people served' },
    FUNDS_YUAN: { description: '资金（元） money in yuan' },
    VENUE_SESSIONS: { description: '场地开放（次） venue sessions' },
    ITEMS: { description: '物资（件） items' },
  },
});

/** Measures counted in whole units; hours and yuan allow two decimals. */
export const WHOLE_MEASURES: ReadonlySet<Measure> = new Set([
  Measure.EVENTS,
  Measure.PEOPLE_SERVED,
  Measure.VENUE_SESSIONS,
  Measure.ITEMS,
]);

export enum CommitmentStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  LAPSED = 'LAPSED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  valuesConfig: {
    DRAFT: { description: '草稿: the unit is still writing it' },
    SUBMITTED: { description: '待审核: waiting for community staff' },
    ACTIVE: { description: '履行中: accepted; fulfilment is being recorded' },
    COMPLETED: { description: '已完成: verified amounts reached the target' },
    LAPSED: { description: '已逾期: the period ended before the target was reached' },
    REJECTED: { description: '未通过: staff declined it, with a reason' },
    WITHDRAWN: { description: '已撤回: the unit withdrew it' },
  },
});

/** What happened to a commitment; every change is written to its history with who and why. */
export enum CommitmentAction {
  CREATE = 'CREATE',
  EDIT = 'EDIT',
  SUBMIT = 'SUBMIT',
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
  WITHDRAW = 'WITHDRAW',
  COMPLETE = 'COMPLETE',
  LAPSE = 'LAPSE',
  REQUEST_TARGET_CHANGE = 'REQUEST_TARGET_CHANGE',
  APPROVE_TARGET_CHANGE = 'APPROVE_TARGET_CHANGE',
  DECLINE_TARGET_CHANGE = 'DECLINE_TARGET_CHANGE',
}
registerEnumType(CommitmentAction, { name: 'CommitmentAction' });

export enum NeedStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(NeedStatus, { name: 'NeedStatus' });

export enum FulfilmentStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(FulfilmentStatus, { name: 'FulfilmentStatus' });

export enum FulfilmentSource {
  /** Reported by the unit or staff. */
  MANUAL = 'MANUAL',
  /** Credited from confirmed volunteer attendance at a linked activity. */
  ATTENDANCE = 'ATTENDANCE',
}
registerEnumType(FulfilmentSource, { name: 'FulfilmentSource' });

export enum ReviewDecision {
  VERIFY = 'VERIFY',
  REJECT = 'REJECT',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

export enum CommitmentDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}
registerEnumType(CommitmentDecision, { name: 'CommitmentDecision' });
