// The header of signed-in pages: product, who is signed in and as what, language, sign-out, and
// the pages of the viewer's role.
import { Form, Link, NavLink } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ViewerHeaderFragment } from '../../../schema/generated/graphql';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

export function AppHeader({ viewer }: { viewer: ViewerHeaderFragment }) {
  const { t } = useTranslation();
  const volunteer = viewer.role === 'VOLUNTEER';
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
      {volunteer && (
        <nav className="app-nav" aria-label={t('header.nav')}>
          <NavLink to="/shifts" end>
            {t('nav.shifts')}
          </NavLink>
          <NavLink to="/my/shifts">{t('nav.myShifts')}</NavLink>
        </nav>
      )}
      {viewer.role === 'UNIT_LIAISON' && (
        <nav className="app-nav" aria-label={t('header.nav')}>
          <NavLink to="/unit">{t('nav.myUnit')}</NavLink>
        </nav>
      )}
    </header>
  );
}
