// /invite/:token: a unit's invited liaison chooses a username (or keeps the one assigned) and a
// password, and is signed in at their unit. A used, expired or unknown link gets a page saying so,
// naming nothing. Public; works without JavaScript.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  AcceptLiaisonInvitationDocument,
  LiaisonInvitationDocument,
  type LiaisonInvitationStatus,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { startSession } from '../auth/start-session.server';
import { Brand } from '../components/Brand';
import { useFieldErrors } from '../components/field-errors';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { gqlRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';

type FormError = Pick<UserErrorFieldsFragment, 'code' | 'field' | 'message'>;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.invite.title) },
];

const STATUS_OF_CODE: Record<string, LiaisonInvitationStatus> = {
  INVITATION_USED: 'USED',
  INVITATION_EXPIRED: 'EXPIRED',
  INVITATION_INVALID: 'INVALID',
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { liaisonInvitation } = await gqlRequest(
    request,
    LiaisonInvitationDocument,
    { token: params.token ?? '' },
    { anonymous: true },
  );
  return liaisonInvitation;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const username = text('username').trim();
  const password = text('password');
  if (password !== text('passwordAgain')) {
    const mismatch: FormError = { code: 'MISMATCH', field: ['passwordAgain'], message: '' };
    return data({ username, errors: [mismatch], status: null }, { status: 400 });
  }
  const { acceptLiaisonInvitation: payload } = await gqlRequest(
    request,
    AcceptLiaisonInvitationDocument,
    { input: { token: params.token ?? '', username, password } },
    { anonymous: true },
  );
  if (!payload.token || payload.errors.length > 0) {
    // A link that stopped working meanwhile: the page says so instead of the form.
    const status = payload.errors.map((e) => STATUS_OF_CODE[e.code]).find(Boolean) ?? null;
    return data({ username, errors: payload.errors, status }, { status: 400 });
  }
  return startSession(
    request,
    {
      token: payload.token,
      role: 'UNIT_LIAISON',
      communityId: payload.viewer?.community?.id,
      language: payload.viewer?.language,
    },
    '/unit',
  );
}

export default function InvitePage() {
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errorText = useUserErrorText();
  const errors = actionData?.errors ?? [];
  const { invalid, fieldErrors } = useFieldErrors((name) =>
    errors.filter((error) => fieldOf(error) === name),
  );
  const mismatch = errors.some((error) => error.code === 'MISMATCH');
  const formErrors = errors.filter((error) => fieldOf(error) === '');
  const submitting = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const status = actionData?.status ?? invitation.status;

  return (
    <div className="login-shell">
      <header className="login-top">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-main">
        {status !== 'VALID' ? (
          <div className="panel login-panel" data-invitation={status}>
            <h1>
              {status === 'USED'
                ? t('invite.usedHeading')
                : status === 'EXPIRED'
                  ? t('invite.expiredHeading')
                  : t('invite.invalidHeading')}
            </h1>
            <p>
              {status === 'USED'
                ? t('invite.used')
                : status === 'EXPIRED'
                  ? t('invite.expired')
                  : t('invite.invalid')}
            </p>
            <p>
              <Link className="button button-primary" to="/login">
                {t('invite.toLogin')}
              </Link>
            </p>
          </div>
        ) : (
          <div className="panel login-panel register-panel" data-invitation="VALID">
            <h1>{t('invite.heading')}</h1>
            <p className="muted">
              {t('invite.intro', {
                unit: invitation.unitName ?? '',
                name: invitation.displayName ?? '',
              })}
            </p>
            {formErrors.length > 0 && (
              <div className="alert" role="alert">
                {formErrors.map((error, index) => (
                  <p key={index}>{errorText(error)}</p>
                ))}
              </div>
            )}
            <Form method="post" className="stack" noValidate>
              <div className="field">
                <label htmlFor="username">{t('invite.username')}</label>
                <input
                  id="username"
                  name="username"
                  required
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck="false"
                  defaultValue={actionData?.username ?? invitation.username ?? ''}
                  {...invalid('username')}
                  aria-describedby={['username-hint', invalid('username')['aria-describedby']]
                    .filter(Boolean)
                    .join(' ')}
                />
                <p className="field-hint" id="username-hint">
                  {t('invite.usernameHint')}
                </p>
                {fieldErrors('username')}
              </div>
              <div className="field">
                <label htmlFor="password">{t('invite.password')}</label>
                <input
                  id="password"
                  name="password"
                  type="password"
                  required
                  autoComplete="new-password"
                  {...invalid('password')}
                  aria-describedby={['password-hint', invalid('password')['aria-describedby']]
                    .filter(Boolean)
                    .join(' ')}
                />
                <p className="field-hint" id="password-hint">
                  {t('invite.passwordHint')}
                </p>
                {fieldErrors('password')}
              </div>
              <div className="field">
                <label htmlFor="passwordAgain">{t('invite.passwordAgain')}</label>
                <input
                  id="passwordAgain"
                  name="passwordAgain"
                  type="password"
                  required
                  autoComplete="new-password"
                  {...(mismatch
                    ? { 'aria-invalid': true, 'aria-describedby': 'passwordAgain-error' }
                    : {})}
                />
                {mismatch && (
                  <p className="field-error" id="passwordAgain-error" role="alert">
                    {t('invite.passwordMismatch')}
                  </p>
                )}
              </div>
              <button type="submit" className="button button-primary" disabled={submitting}>
                {submitting ? t('invite.submitting') : t('invite.submit')}
              </button>
            </Form>
          </div>
        )}
      </main>
    </div>
  );
}
