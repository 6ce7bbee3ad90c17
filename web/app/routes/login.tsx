// /login: username and password, posted to the `login` mutation; works without JavaScript.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LoginDocument, type LoginMutation } from '../../../schema/generated/graphql';
import { safeRedirect } from '../auth/safe-redirect';
import { getToken } from '../auth/session.server';
import { startSession } from '../auth/start-session.server';
import { Brand } from '../components/Brand';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { GraphQLRequestError, gqlRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';
import { useUserErrorText } from '../i18n/user-error';

type LoginError = LoginMutation['login']['errors'][number];

// `/` sends each role to its own start page.
const afterLogin = '/';
const fields = ['username', 'password'] as const;
type Field = (typeof fields)[number];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.login.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get('redirectTo'), afterLogin);
  if (await getToken(request)) return redirect(redirectTo);
  return { redirectTo };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  const redirectTo = safeRedirect(form.get('redirectTo'), afterLogin);

  let payload: LoginMutation['login'];
  try {
    ({ login: payload } = await gqlRequest(
      request,
      LoginDocument,
      { input: { username, password } },
      { anonymous: true },
    ));
  } catch (error) {
    // Rate limiting may also arrive as a request error (HTTP 429) rather than a UserError.
    if (error instanceof GraphQLRequestError && error.codes.includes('RATE_LIMITED')) {
      const rateLimited: LoginError = { code: 'RATE_LIMITED', field: null, message: error.message };
      return data({ username, errors: [rateLimited] }, { status: 429 });
    }
    throw error;
  }

  if (payload.token && payload.errors.length === 0) {
    // The language they chose before, on any device, wins over this browser's.
    return startSession(
      request,
      {
        token: payload.token,
        role: payload.viewer?.role,
        communityId: payload.viewer?.community?.id,
        language: payload.viewer?.language,
      },
      redirectTo,
    );
  }
  const rateLimited = payload.errors.some((error) => error.code === 'RATE_LIMITED');
  return data({ username, errors: payload.errors }, { status: rateLimited ? 429 : 400 });
}

/** The form field an error belongs to (its path may be ["username"] or ["input", "username"]). */
function fieldOf(error: LoginError): Field | null {
  const last = error.field?.at(-1);
  return fields.find((field) => field === last) ?? null;
}

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();

  const errors = actionData?.errors ?? [];
  const formErrors = errors.filter((error) => fieldOf(error) === null);
  const fieldError = (field: Field) => {
    const error = errors.find((candidate) => fieldOf(candidate) === field);
    return error ? errorText(error) : null;
  };
  const submitting = navigation.state !== 'idle' && navigation.formAction?.startsWith('/login');
  const failedWithoutReason = actionData !== undefined && errors.length === 0;

  return (
    <div className="login-shell">
      <header className="login-top">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-main">
        <div className="panel login-panel">
          <h1>{t('login.heading')}</h1>
          <p className="muted">{t('login.intro')}</p>
          {(formErrors.length > 0 || failedWithoutReason) && (
            <div className="alert" role="alert">
              {failedWithoutReason
                ? t('login.failed')
                : formErrors.map((error, index) => <p key={index}>{errorText(error)}</p>)}
            </div>
          )}
          <Form method="post" className="stack">
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <FormField
              name="username"
              label={t('login.username')}
              autoComplete="username"
              defaultValue={actionData?.username ?? ''}
              error={fieldError('username')}
            />
            <FormField
              name="password"
              label={t('login.password')}
              type="password"
              autoComplete="current-password"
              error={fieldError('password')}
            />
            <button type="submit" className="button button-primary" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </button>
          </Form>
          <p className="muted register-switch">
            {t('register.noAccount')} <Link to="/register">{t('register.registerLink')}</Link>
          </p>
        </div>
      </main>
    </div>
  );
}

function FormField(props: {
  name: Field;
  label: string;
  type?: 'text' | 'password';
  autoComplete: string;
  defaultValue?: string;
  error: string | null;
}) {
  const id = `login-${props.name}`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        autoComplete={props.autoComplete}
        defaultValue={props.defaultValue}
        required
        autoCapitalize="none"
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
      />
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
