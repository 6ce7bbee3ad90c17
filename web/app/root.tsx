// The document shell, shared by every page and by the error boundary.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { languageFromRequest } from './i18n/language.server';
import { pageTitle } from './i18n/meta';
import { useNonce } from './nonce';
import stylesHref from './styles/app.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: stylesHref }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches) }];

export function loader({ request }: LoaderFunctionArgs) {
  return { lng: languageFromRequest(request) };
}

export function Layout({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const explanation =
    status === 404
      ? t('error.notFound')
      : status === 403
        ? t('error.forbidden')
        : status === 503
          ? t('error.unavailable')
          : t('error.generic');
  return (
    <main className="error-page">
      <div className="panel">
        <h1>{t('error.heading')}</h1>
        <p>{explanation}</p>
        <p>
          <a className="button" href="/">
            {t('error.backHome')}
          </a>
        </p>
      </div>
    </main>
  );
}
