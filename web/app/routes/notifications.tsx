// /notifications: everyone's in-app notifications, newest first; unread ones stand out and can be
// marked read one by one or all at once (plain form posts).
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  MarkNotificationsReadDocument,
  NotificationsPageDocument,
  type NotificationsPageQuery,
  type Role,
} from '../../../schema/generated/graphql';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { useDateTimeFormat, useDayFormat, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';

const pageSize = 30;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.notifications.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get('show') === 'unread';
  const after = url.searchParams.get('after') || null;
  const result = await signedInRequest(request, NotificationsPageDocument, {
    first: pageSize,
    after,
    unreadOnly,
  });
  return {
    viewer: result.viewer,
    unreadOnly,
    unreadCount: result.unreadNotificationCount,
    notifications: result.notifications.edges.map((edge) => edge.node),
    next: result.notifications.pageInfo.hasNextPage
      ? result.notifications.pageInfo.endCursor
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const id = String(form.get('id') ?? '');
  const input = id ? { ids: [id] } : { all: true };
  const { markNotificationsRead: payload } = await gqlRequest(
    request,
    MarkNotificationsReadDocument,
    { input },
  );
  return data(payload, { status: payload.errors.length > 0 ? 400 : 200 });
}

type NotificationNode = NotificationsPageQuery['notifications']['edges'][number]['node'];

/** The page of this web app where a notification's subject is seen and acted on. */
function pageFor(notification: NotificationNode, role: Role): string | null {
  switch (notification.kind) {
    case 'SHIFT_REMINDER':
    case 'WAITLIST_PROMOTED':
    case 'SHIFT_CANCELLED':
      return '/my/shifts';
    case 'AFFILIATION_REQUESTED':
      return '/unit';
    case 'SUPERVISION_OVERDUE':
      if (role !== 'SOCIAL_WORKER') return '/staff';
      return pairingPage(notification);
    // Work waiting for the community's staff: the review queue, at its section.
    case 'COMMITMENT_SUBMITTED':
      return '/staff/review#review-commitments';
    case 'TARGET_CHANGE_REQUESTED':
      return '/staff/review#review-targets';
    case 'FULFILMENT_RECORDED':
      return '/staff/review#review-records';
    // Staff's decisions, for the unit: the commitment.
    case 'COMMITMENT_ACCEPTED':
    case 'COMMITMENT_REJECTED':
    case 'TARGET_CHANGE_APPROVED':
    case 'TARGET_CHANGE_DECLINED':
    case 'FULFILMENT_VERIFIED':
    case 'FULFILMENT_REJECTED':
      return notification.data.commitmentId
        ? `/unit/commitments/${encodeURIComponent(notification.data.commitmentId)}`
        : '/unit';
    case 'PAIRING_CONFIRMED':
    case 'PAIRING_ENDED':
      return pairingPage(notification);
    // A volunteer has no page of their pairing: the notification says it all.
    case 'SOCIAL_WORKER_ASSIGNED':
      return null;
  }
}

/** The social worker's page of the pairing. */
function pairingPage(notification: NotificationNode): string {
  return notification.data.pairingId
    ? `/social/pairings/${encodeURIComponent(notification.data.pairingId)}`
    : '/social';
}

/** Words a notification from its kind and data in the page's language. */
function useWording() {
  const { t } = useTranslation();
  const { day, time } = useDateTimeFormat();
  const dayOf = useDayFormat();
  const number = useNumberFormat();
  return (notification: NotificationNode): { subject: string; text: string } => {
    const d = notification.data;
    const commitment = d.commitmentTitle ?? '';
    const unit = d.unitName ?? '';
    /** An amount of the commitment's measure, e.g. 12 小时 / 12 hours. */
    const amountOf = (amount: string | null | undefined) =>
      amount == null
        ? ''
        : `${number.format(Number(amount))}${d.measure ? ` ${t(`measureUnit.${d.measure}`)}` : ''}`;
    const record = {
      amount: amountOf(d.amount),
      day: d.fulfilmentDate ? dayOf(d.fulfilmentDate) : '',
    };
    const pair = { volunteer: d.volunteerName ?? '', worker: d.socialWorkerName ?? '' };
    const when = d.startsAt ? `${day(d.startsAt)} ${time(d.startsAt)}` : '';
    const activity = d.activityTitle ?? '';
    switch (notification.kind) {
      case 'SHIFT_REMINDER':
        return {
          subject: t('notifications.subject.SHIFT_REMINDER', { activity, when }),
          text: t('notifications.text.SHIFT_REMINDER', { location: d.location ?? '', when }),
        };
      case 'WAITLIST_PROMOTED':
        return {
          subject: t('notifications.subject.WAITLIST_PROMOTED', { activity, when }),
          text: t('notifications.text.WAITLIST_PROMOTED'),
        };
      case 'SHIFT_CANCELLED':
        return {
          subject: t('notifications.subject.SHIFT_CANCELLED', { activity, when }),
          text: t('notifications.text.SHIFT_CANCELLED', { reason: d.reason ?? '' }),
        };
      case 'AFFILIATION_REQUESTED':
        return {
          subject: t('notifications.subject.AFFILIATION_REQUESTED', {
            volunteer: d.volunteerName ?? '',
          }),
          text: t('notifications.text.AFFILIATION_REQUESTED', { unit: d.unitName ?? '' }),
        };
      case 'SUPERVISION_OVERDUE':
        return {
          subject: t('notifications.subject.SUPERVISION_OVERDUE', {
            count: d.daysSinceContact ?? 0,
            days: d.daysSinceContact ?? '',
          }),
          text: t('notifications.text.SUPERVISION_OVERDUE', {
            worker: d.socialWorkerName ?? '',
            volunteer: d.volunteerName ?? '',
            day: d.lastContactDate ? dayOf(d.lastContactDate) : '',
          }),
        };
      case 'COMMITMENT_SUBMITTED':
        return {
          subject: t('notifications.subject.COMMITMENT_SUBMITTED', { unit, commitment }),
          text: t('notifications.text.COMMITMENT_SUBMITTED'),
        };
      case 'COMMITMENT_ACCEPTED':
        return {
          subject: t('notifications.subject.COMMITMENT_ACCEPTED', { commitment }),
          text: t('notifications.text.COMMITMENT_ACCEPTED'),
        };
      case 'COMMITMENT_REJECTED':
        return {
          subject: t('notifications.subject.COMMITMENT_REJECTED', { commitment }),
          text: t('notifications.text.COMMITMENT_REJECTED', { reason: d.reason ?? '' }),
        };
      case 'TARGET_CHANGE_REQUESTED':
        return {
          subject: t('notifications.subject.TARGET_CHANGE_REQUESTED', { unit, commitment }),
          text: t('notifications.text.TARGET_CHANGE_REQUESTED', {
            from: amountOf(d.targetAmount),
            to: amountOf(d.proposedTargetAmount),
          }),
        };
      case 'TARGET_CHANGE_APPROVED':
        return {
          subject: t('notifications.subject.TARGET_CHANGE_APPROVED', { commitment }),
          text: t('notifications.text.TARGET_CHANGE_APPROVED', { to: amountOf(d.targetAmount) }),
        };
      case 'TARGET_CHANGE_DECLINED':
        return {
          subject: t('notifications.subject.TARGET_CHANGE_DECLINED', { commitment }),
          text: t('notifications.text.TARGET_CHANGE_DECLINED', {
            from: amountOf(d.targetAmount),
            to: amountOf(d.proposedTargetAmount),
            reason: d.reason ?? '',
          }),
        };
      case 'FULFILMENT_RECORDED':
        return {
          subject: t('notifications.subject.FULFILMENT_RECORDED', { unit, commitment }),
          text: t('notifications.text.FULFILMENT_RECORDED', {
            ...record,
            count: d.evidenceCount ?? 0,
          }),
        };
      case 'FULFILMENT_VERIFIED':
        return {
          subject: t('notifications.subject.FULFILMENT_VERIFIED', { commitment }),
          text: t('notifications.text.FULFILMENT_VERIFIED', record),
        };
      case 'FULFILMENT_REJECTED':
        return {
          subject: t('notifications.subject.FULFILMENT_REJECTED', { commitment }),
          text: t('notifications.text.FULFILMENT_REJECTED', { ...record, reason: d.reason ?? '' }),
        };
      case 'PAIRING_CONFIRMED':
        return {
          subject: t('notifications.subject.PAIRING_CONFIRMED', pair),
          text: t('notifications.text.PAIRING_CONFIRMED', pair),
        };
      case 'SOCIAL_WORKER_ASSIGNED':
        return {
          subject: t('notifications.subject.SOCIAL_WORKER_ASSIGNED', pair),
          text: t('notifications.text.SOCIAL_WORKER_ASSIGNED', pair),
        };
      case 'PAIRING_ENDED':
        return {
          subject: t('notifications.subject.PAIRING_ENDED', pair),
          text: t('notifications.text.PAIRING_ENDED', { reason: d.reason ?? '' }),
        };
    }
  };
}

export default function NotificationsPage() {
  const { viewer, unreadOnly, unreadCount, notifications, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { day, time } = useDateTimeFormat();
  const errorText = useUserErrorText();
  const wording = useWording();

  return (
    <>
      <main id="main" className="page">
        <div>
          <h1>{t('notifications.heading')}</h1>
          <p className="muted" aria-live="polite">
            {unreadCount > 0
              ? t('notifications.unread', { n: unreadCount })
              : t('notifications.allRead')}
          </p>
        </div>
        {actionData && (
          <div className={actionData.errors.length ? 'alert' : 'notice'} role="status">
            {actionData.errors.length
              ? actionData.errors.map(errorText).join(' ')
              : t('notifications.marked', { count: actionData.count, n: actionData.count })}
          </div>
        )}
        <div className="toolbar">
          <nav aria-label={t('notifications.heading')}>
            <Link to="/notifications" aria-current={unreadOnly ? undefined : 'page'}>
              {t('notifications.showAll')}
            </Link>
            <Link to="/notifications?show=unread" aria-current={unreadOnly ? 'page' : undefined}>
              {t('notifications.showUnread')}
            </Link>
          </nav>
          {unreadCount > 0 && (
            <Form method="post">
              <button type="submit" className="button button-quiet">
                {t('notifications.markAllRead')}
              </button>
            </Form>
          )}
        </div>
        {notifications.length === 0 ? (
          <p className="empty">
            {unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
          </p>
        ) : (
          <ul className="notification-list">
            {notifications.map((notification) => {
              const page = pageFor(notification, viewer.role);
              const { subject, text } = wording(notification);
              return (
                <li
                  key={notification.id}
                  className={`card notification${notification.readAt ? '' : ' notification-unread'}`}
                >
                  <p className="notification-kind">
                    {!notification.readAt && (
                      <span className="badge badge-warn">{t('notifications.new')}</span>
                    )}{' '}
                    {t(`notifications.kind.${notification.kind}`)}
                  </p>
                  <h2 className="notification-title">{subject}</h2>
                  <p>{text}</p>
                  <p className="muted">
                    <time dateTime={notification.createdAt}>
                      {day(notification.createdAt)} {time(notification.createdAt)}
                    </time>
                  </p>
                  <div className="notification-actions">
                    {page && (
                      <Link to={page} className="button button-quiet">
                        {t('notifications.open')}
                      </Link>
                    )}
                    {!notification.readAt && (
                      <Form method="post">
                        <input type="hidden" name="id" value={notification.id} />
                        <button type="submit" className="button button-quiet">
                          {t('notifications.markRead')}
                        </button>
                      </Form>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {next && (
          <p>
            <Link
              to={`/notifications?${new URLSearchParams({
                ...(unreadOnly ? { show: 'unread' } : {}),
                after: next,
              }).toString()}`}
            >
              {t('notifications.more')}
            </Link>
          </p>
        )}
      </main>
    </>
  );
}
