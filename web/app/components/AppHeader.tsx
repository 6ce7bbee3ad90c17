// The header of signed-in pages: product, who is signed in and as what, language, sign-out, and
// the pages of the viewer's role.
import { Form, Link, NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Role, ViewerHeaderFragment } from '../../../schema/generated/graphql';
import type { Messages } from '../i18n/zh-CN';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

type NavKey = `nav.${keyof Messages['nav']}`;

const staffNav: { to: string; key: NavKey }[] = [
  { to: '/staff', key: 'nav.dashboard' },
  { to: '/staff/review', key: 'nav.review' },
  { to: '/activities', key: 'nav.activities' },
  { to: '/staff/matching', key: 'nav.matching' },
  { to: '/staff/units', key: 'nav.units' },
  { to: '/staff/reports', key: 'nav.reports' },
  { to: '/communities', key: 'nav.communities' },
];

/** The pages of each role, in the order they are used most. */
export function navFor(role: Role): { to: string; key: NavKey }[] {
  const notifications = { to: '/notifications', key: 'nav.notifications' } as const;
  switch (role) {
    case 'VOLUNTEER':
      return [
        { to: '/shifts', key: 'nav.shifts' },
        { to: '/my/shifts', key: 'nav.myShifts' },
        { to: '/my/profile', key: 'nav.myProfile' },
        notifications,
      ];
    case 'UNIT_LIAISON':
      return [{ to: '/unit', key: 'nav.myUnit' }, notifications];
    case 'SOCIAL_WORKER':
      return [
        { to: '/social', key: 'nav.myVolunteers' },
        { to: '/activities', key: 'nav.myActivities' },
        notifications,
      ];
    case 'COMMUNITY_STAFF':
    case 'STREET_ADMIN':
      return [...staffNav, notifications];
  }
}

export function AppHeader({ viewer }: { viewer: ViewerHeaderFragment }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-header-inner">
        <Link to="/" className="brand-link">
          <Brand />
        </Link>
        <div className="app-header-tools">
          <p className="viewer">
            <span className="visually-hidden">{t('header.account')}: </span>
            <span className="viewer-name">{viewer.displayName}</span>
            <span className="viewer-role">{t(`role.${viewer.role}`)}</span>
          </p>
          <LanguageSwitcher />
          <Form method="post" action="/logout" className="logout-form">
            <button type="submit" className="button button-quiet">
              {t('header.logout')}
            </button>
          </Form>
        </div>
      </div>
      <nav className="app-nav" aria-label={t('header.nav')}>
        {navFor(viewer.role).map(({ to, key }) => (
          <NavLink key={to} to={to} end>
            {t(key)}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}
