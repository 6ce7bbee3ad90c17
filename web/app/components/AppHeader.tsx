// The header of signed-in pages: product, who is signed in and as what, language, sign-out.
import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { ViewerHeaderFragment } from '../../../schema/generated/graphql';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

export function AppHeader({ viewer }: { viewer: ViewerHeaderFragment }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-header-inner">
        <Link to="/communities" className="brand-link">
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
    </header>
  );
}
