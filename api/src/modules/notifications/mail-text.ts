// The words of notification e-mails, in the recipient's language (app_user.language; Chinese
// until they choose). The web words in-app notifications itself; this table is for mail only.
import { DISPLAY_TIME_ZONE } from '../../graphql/scalars.js';
import type { NotificationKind, StoredNotificationData } from './notification.kinds.js';

export type MailLanguage = 'zh-CN' | 'en';

/** The recipient's mail language: their interface language, Chinese by default. */
export function mailLanguage(language: string | null | undefined): MailLanguage {
  return language === 'en' ? 'en' : 'zh-CN';
}

/** A day and time in Asia/Shanghai, e.g. 12月3日 09:00 / 09:00 on 2026-12-03. */
function when(iso: string | undefined, language: MailLanguage): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}`;
  return language === 'en'
    ? `${time} on ${parts.year}-${parts.month}-${parts.day} (Beijing time)`
    : `${Number(parts.month)}月${Number(parts.day)}日 ${time}`;
}

type Words = (
  d: StoredNotificationData,
  language: MailLanguage,
) => { subject: string; text: string };

const table: Record<MailLanguage, Record<NotificationKind, Words>> = {
  'zh-CN': {
    SHIFT_REMINDER: (d, l) => ({
      subject: `班次提醒：${d.activityTitle}，${when(d.startsAt, l)} 开始`,
      text: `您报名的「${d.activityTitle}」班次将于 ${when(d.startsAt, l)}（北京时间）开始，地点：${d.location}。`,
    }),
    WAITLIST_PROMOTED: (d, l) => ({
      subject: `候补转正：${d.activityTitle}`,
      text: `有名额空出，您已转为「${d.activityTitle}」${when(d.startsAt, l)} 班次的正式报名。`,
    }),
    SHIFT_CANCELLED: (d, l) => ({
      subject: `班次取消：${d.activityTitle}`,
      text: `「${d.activityTitle}」${when(d.startsAt, l)} 的班次已取消。原因：${d.reason}`,
    }),
    AFFILIATION_REQUESTED: (d) => ({
      subject: `${d.volunteerName} 申请确认为本单位志愿者`,
      text: `志愿者 ${d.volunteerName} 表示在${d.unitName}工作。确认后，其服务时长计入本单位。`,
    }),
    SUPERVISION_OVERDUE: (d) => ({
      subject: `结对督导已 ${d.daysSinceContact} 天未记录`,
      text: `${d.socialWorkerName} — ${d.volunteerName}：上次督导为 ${d.lastContactDate}。`,
    }),
    COMMITMENT_SUBMITTED: (d) => ({
      subject: `承诺待审核：${d.commitmentTitle}`,
      text: `${d.unitName}提交了承诺「${d.commitmentTitle}」，请在审核页审核。`,
    }),
    COMMITMENT_ACCEPTED: (d) => ({
      subject: `承诺已通过：${d.commitmentTitle}`,
      text: `社区已通过您单位的承诺「${d.commitmentTitle}」，可以开始记录履行情况。`,
    }),
    COMMITMENT_REJECTED: (d) => ({
      subject: `承诺被退回：${d.commitmentTitle}`,
      text: `社区退回了您单位的承诺「${d.commitmentTitle}」。原因：${d.reason}`,
    }),
    TARGET_CHANGE_REQUESTED: (d) => ({
      subject: `目标调整待审核：${d.commitmentTitle}`,
      text: `${d.unitName}申请将承诺「${d.commitmentTitle}」的目标从 ${d.targetAmount} 调整为 ${d.proposedTargetAmount}。`,
    }),
    TARGET_CHANGE_APPROVED: (d) => ({
      subject: `目标调整已同意：${d.commitmentTitle}`,
      text: `承诺「${d.commitmentTitle}」的目标已调整为 ${d.targetAmount}。`,
    }),
    TARGET_CHANGE_DECLINED: (d) => ({
      subject: `目标调整未同意：${d.commitmentTitle}`,
      text: `承诺「${d.commitmentTitle}」的目标仍为 ${d.targetAmount}（申请 ${d.proposedTargetAmount}）。原因：${d.reason}`,
    }),
    FULFILMENT_RECORDED: (d) => ({
      subject: `履行记录待核实：${d.commitmentTitle}`,
      text: `${d.unitName}记录了承诺「${d.commitmentTitle}」${d.fulfilmentDate} 的履行 ${d.amount}，附证明材料 ${d.evidenceCount} 份，请核实。`,
    }),
    FULFILMENT_VERIFIED: (d) => ({
      subject: `履行记录已核实：${d.commitmentTitle}`,
      text: `承诺「${d.commitmentTitle}」${d.fulfilmentDate} 的履行记录 ${d.amount} 已核实，计入进度。`,
    }),
    FULFILMENT_REJECTED: (d) => ({
      subject: `履行记录未通过：${d.commitmentTitle}`,
      text: `承诺「${d.commitmentTitle}」${d.fulfilmentDate} 的履行记录 ${d.amount} 未通过核实。原因：${d.reason}`,
    }),
    PAIRING_CONFIRMED: (d) => ({
      subject: `新结对：志愿者 ${d.volunteerName}`,
      text: `社区已将志愿者 ${d.volunteerName} 与您结对，请开展督导并记录。`,
    }),
    SOCIAL_WORKER_ASSIGNED: (d) => ({
      subject: `您的结对社工：${d.socialWorkerName}`,
      text: `社区已为您结对社工 ${d.socialWorkerName}，由其指导您的志愿服务。`,
    }),
    PAIRING_ENDED: (d) => ({
      subject: `结对结束：志愿者 ${d.volunteerName}`,
      text: `您与志愿者 ${d.volunteerName} 的结对已结束。原因：${d.reason}`,
    }),
  },
  en: {
    SHIFT_REMINDER: (d, l) => ({
      subject: `Shift reminder: ${d.activityTitle}, ${when(d.startsAt, l)}`,
      text: `Reminder: "${d.activityTitle}" starts at ${when(d.startsAt, l)} at ${d.location}.`,
    }),
    WAITLIST_PROMOTED: (d, l) => ({
      subject: `Off the waitlist: ${d.activityTitle}`,
      text: `A place became free: you are now confirmed for "${d.activityTitle}" at ${when(d.startsAt, l)}.`,
    }),
    SHIFT_CANCELLED: (d, l) => ({
      subject: `Shift cancelled: ${d.activityTitle}`,
      text: `The shift of "${d.activityTitle}" at ${when(d.startsAt, l)} was cancelled. Reason: ${d.reason}`,
    }),
    AFFILIATION_REQUESTED: (d) => ({
      subject: `${d.volunteerName} asks to be confirmed as a volunteer of your unit`,
      text: `${d.volunteerName} says they work for ${d.unitName}. Confirm it so their hours count for the unit.`,
    }),
    SUPERVISION_OVERDUE: (d) => ({
      subject: `No supervision for ${d.daysSinceContact} days`,
      text: `${d.socialWorkerName} — ${d.volunteerName}: last supervision on ${d.lastContactDate}.`,
    }),
    COMMITMENT_SUBMITTED: (d) => ({
      subject: `Commitment to review: ${d.commitmentTitle}`,
      text: `${d.unitName} submitted the commitment "${d.commitmentTitle}" for review.`,
    }),
    COMMITMENT_ACCEPTED: (d) => ({
      subject: `Commitment accepted: ${d.commitmentTitle}`,
      text: `The community accepted your unit's commitment "${d.commitmentTitle}"; you can now record what is delivered.`,
    }),
    COMMITMENT_REJECTED: (d) => ({
      subject: `Commitment returned: ${d.commitmentTitle}`,
      text: `The community returned your unit's commitment "${d.commitmentTitle}". Reason: ${d.reason}`,
    }),
    TARGET_CHANGE_REQUESTED: (d) => ({
      subject: `Target change to review: ${d.commitmentTitle}`,
      text: `${d.unitName} asks to change the target of "${d.commitmentTitle}" from ${d.targetAmount} to ${d.proposedTargetAmount}.`,
    }),
    TARGET_CHANGE_APPROVED: (d) => ({
      subject: `Target change approved: ${d.commitmentTitle}`,
      text: `The target of "${d.commitmentTitle}" is now ${d.targetAmount}.`,
    }),
    TARGET_CHANGE_DECLINED: (d) => ({
      subject: `Target change declined: ${d.commitmentTitle}`,
      text: `The target of "${d.commitmentTitle}" stays ${d.targetAmount} (you asked for ${d.proposedTargetAmount}). Reason: ${d.reason}`,
    }),
    FULFILMENT_RECORDED: (d) => ({
      subject: `Record to verify: ${d.commitmentTitle}`,
      text: `${d.unitName} recorded ${d.amount} delivered on ${d.fulfilmentDate} for "${d.commitmentTitle}", with ${d.evidenceCount} evidence file(s).`,
    }),
    FULFILMENT_VERIFIED: (d) => ({
      subject: `Record verified: ${d.commitmentTitle}`,
      text: `The record of ${d.amount} on ${d.fulfilmentDate} for "${d.commitmentTitle}" was verified and counts toward its progress.`,
    }),
    FULFILMENT_REJECTED: (d) => ({
      subject: `Record rejected: ${d.commitmentTitle}`,
      text: `The record of ${d.amount} on ${d.fulfilmentDate} for "${d.commitmentTitle}" was rejected. Reason: ${d.reason}`,
    }),
    PAIRING_CONFIRMED: (d) => ({
      subject: `New pairing: ${d.volunteerName}`,
      text: `The community paired the volunteer ${d.volunteerName} with you. Supervise them and log it.`,
    }),
    SOCIAL_WORKER_ASSIGNED: (d) => ({
      subject: `Your social worker: ${d.socialWorkerName}`,
      text: `The community paired you with the social worker ${d.socialWorkerName}, who will guide your volunteering.`,
    }),
    PAIRING_ENDED: (d) => ({
      subject: `Pairing ended: ${d.volunteerName}`,
      text: `Your pairing with the volunteer ${d.volunteerName} has ended. Reason: ${d.reason}`,
    }),
  },
};

/** The subject and text of the e-mail for a notification, in `language`. */
export function mailText(
  kind: NotificationKind,
  data: StoredNotificationData,
  language: string | null | undefined,
): { subject: string; text: string } {
  const lang = mailLanguage(language);
  return table[lang][kind](data, lang);
}
