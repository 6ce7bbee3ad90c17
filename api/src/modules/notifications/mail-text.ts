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
