// /register: a resident signs up as a volunteer — account, real name, phone, community and the
// skills that open skill-restricted shifts — and is signed in at once. Works without JavaScript.
import {
  data,
  redirect,
  redirectDocument,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  RegisterPageDocument,
  RegisterVolunteerDocument,
  SetSkillsAfterRegistrationDocument,
  type Skill,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { commitSession, getSession, getToken } from '../auth/session.server';
import { Brand } from '../components/Brand';
import { useFieldErrors } from '../components/field-errors';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { GraphQLRequestError, gqlRequest } from '../graphql/client.server';
import { toLanguage } from '../i18n/i18n';
import { languageFromRequest, serializeLanguageCookie } from '../i18n/language.server';
import { pageTitle } from '../i18n/meta';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';

const skills = Object.keys(zhCN.skill) as Skill[];
type Values = {
  username: string;
  displayName: string;
  phone: string;
  communityId: string;
  skills: Skill[];
};
type FormError = Pick<UserErrorFieldsFragment, 'code' | 'field' | 'message'>;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.register.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getToken(request)) return redirect('/');
  const result = await gqlRequest(request, RegisterPageDocument, {}, { anonymous: true });
  return { communities: result.communities.edges.map((edge) => edge.node) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '');
  const values: Values = {
    username: text('username').trim(),
    displayName: text('displayName').trim(),
    phone: text('phone').trim(),
    communityId: text('communityId'),
    skills: form.getAll('skills').filter((s): s is Skill => skills.includes(s as Skill)),
  };
  const password = text('password');
  if (password !== text('passwordAgain')) {
    const mismatch: FormError = { code: 'MISMATCH', field: ['passwordAgain'], message: '' };
    return data({ values, errors: [mismatch] }, { status: 400 });
  }

  let payload;
  try {
    ({ registerVolunteer: payload } = await gqlRequest(
      request,
      RegisterVolunteerDocument,
      {
        input: {
          username: values.username,
          password,
          displayName: values.displayName,
          phone: values.phone,
          communityId: values.communityId,
        },
      },
      { anonymous: true },
    ));
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.codes.includes('RATE_LIMITED')) {
      const limited: FormError = { code: 'RATE_LIMITED', field: null, message: error.message };
      return data({ values, errors: [limited] }, { status: 429 });
    }
    throw error;
  }
  if (!payload.token || payload.errors.length > 0) {
    return data({ values, errors: payload.errors }, { status: 400 });
  }

  // The account exists now; the skills go on the volunteer profile it opens.
  const token = payload.token;
  const profile = await gqlRequest(
    request,
    SetSkillsAfterRegistrationDocument,
    { input: { skills: values.skills } },
    { token },
  );
  if (profile.updateMyVolunteerProfile.errors.length > 0) {
    console.error('skills not saved after registration', profile.updateMyVolunteerProfile.errors);
  }
  const session = await getSession(request);
  session.set('token', token);
  session.set('role', 'VOLUNTEER');
  session.set('communityId', values.communityId);
  const headers = new Headers({ 'Set-Cookie': await commitSession(request, session) });
  headers.append(
    'Set-Cookie',
    serializeLanguageCookie(toLanguage(payload.viewer?.language) ?? languageFromRequest(request)),
  );
  return redirectDocument('/shifts', { headers });
}

export default function RegisterPage() {
  const { communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const errorText = useUserErrorText();
  const errors = actionData?.errors ?? [];
  const values = actionData?.values;
  const { invalid, fieldErrors } = useFieldErrors((name) =>
    errors.filter((error) => fieldOf(error) === name),
  );
  const mismatch = errors.some((error) => error.code === 'MISMATCH');
  const formErrors = errors.filter((error) => fieldOf(error) === '');
  const submitting = navigation.state !== 'idle' && navigation.formAction === '/register';
  const english = i18n.language === 'en';

  const input = (
    name: 'username' | 'displayName' | 'phone',
    label: string,
    hint: string,
    extra: Record<string, string>,
  ) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        required
        defaultValue={values?.[name] ?? ''}
        {...extra}
        {...invalid(name)}
        aria-describedby={[`${name}-hint`, invalid(name)['aria-describedby']]
          .filter(Boolean)
          .join(' ')}
      />
      <p className="field-hint" id={`${name}-hint`}>
        {hint}
      </p>
      {fieldErrors(name)}
    </div>
  );

  return (
    <div className="login-shell">
      <header className="login-top">
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id="main" className="login-main">
        <div className="panel login-panel register-panel">
          <h1>{t('register.heading')}</h1>
          <p className="muted">{t('register.intro')}</p>
          {formErrors.length > 0 && (
            <div className="alert" role="alert">
              {formErrors.map((error, index) => (
                <p key={index}>{errorText(error)}</p>
              ))}
            </div>
          )}
          <Form method="post" className="stack" noValidate>
            <fieldset className="stack">
              <legend>{t('register.account')}</legend>
              {input('username', t('register.username'), t('register.usernameHint'), {
                autoComplete: 'username',
                autoCapitalize: 'none',
                spellCheck: 'false',
              })}
              <div className="field">
                <label htmlFor="password">{t('register.password')}</label>
                <input
                  id="password"
                  name="password"
                  type="password"
                  required
                  autoComplete="new-password"
                  aria-describedby="password-hint"
                  {...invalid('password')}
                />
                <p className="field-hint" id="password-hint">
                  {t('register.passwordHint')}
                </p>
                {fieldErrors('password')}
              </div>
              <div className="field">
                <label htmlFor="passwordAgain">{t('register.passwordAgain')}</label>
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
                    {t('register.passwordMismatch')}
                  </p>
                )}
              </div>
            </fieldset>
            <fieldset className="stack">
              <legend>{t('register.profile')}</legend>
              {input('displayName', t('register.displayName'), t('register.displayNameHint'), {
                autoComplete: 'name',
              })}
              {input('phone', t('register.phone'), t('register.phoneHint'), {
                autoComplete: 'tel',
                inputMode: 'tel',
                type: 'tel',
              })}
              <div className="field">
                <label htmlFor="communityId">{t('register.community')}</label>
                <select
                  id="communityId"
                  name="communityId"
                  required
                  defaultValue={values?.communityId ?? ''}
                  {...invalid('communityId')}
                >
                  <option value="" disabled>
                    {t('register.chooseCommunity')}
                  </option>
                  {communities.map((community) => (
                    <option key={community.id} value={community.id}>
                      {english ? community.nameEn : community.name}
                    </option>
                  ))}
                </select>
                {fieldErrors('communityId')}
              </div>
              <fieldset className="field skill-choices" aria-describedby="skills-hint">
                <legend>{t('register.skills')}</legend>
                <p className="field-hint" id="skills-hint">
                  {t('register.skillsHint')}
                </p>
                <div className="checkbox-grid">
                  {skills.map((skill) => (
                    <label key={skill} className="checkbox">
                      <input
                        type="checkbox"
                        name="skills"
                        value={skill}
                        defaultChecked={values?.skills.includes(skill) ?? false}
                      />
                      {t(`skill.${skill}`)}
                    </label>
                  ))}
                </div>
              </fieldset>
            </fieldset>
            <button type="submit" className="button button-primary" disabled={submitting}>
              {submitting ? t('register.submitting') : t('register.submit')}
            </button>
          </Form>
          <p className="muted register-switch">
            {t('register.haveAccount')} <Link to="/login">{t('register.login')}</Link>
          </p>
        </div>
      </main>
    </div>
  );
}
