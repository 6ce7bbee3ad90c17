// /register: a resident signs up as a volunteer — account, real name, phone, community and the
// skills that open skill-restricted shifts — and is signed in at once. Works without JavaScript.
import {
  data,
  redirect,
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
} from '../../../schema/generated/graphql';
import { getToken } from '../auth/session.server';
import { startSession } from '../auth/start-session.server';
import { Brand } from '../components/Brand';
import { ErrorSummary, type SummaryField } from '../components/form/ErrorSummary';
import type { FormError } from '../components/form/errors';
import { SelectField } from '../components/form/SelectField';
import { TextField } from '../components/form/TextField';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { GraphQLRequestError, gqlRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';
import { zhCN } from '../i18n/zh-CN';

const skills = Object.keys(zhCN.skill) as Skill[];
type Values = {
  username: string;
  displayName: string;
  phone: string;
  communityId: string;
  skills: Skill[];
};

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

  let payload;
  try {
    ({ registerVolunteer: payload } = await gqlRequest(
      request,
      RegisterVolunteerDocument,
      {
        input: {
          username: values.username,
          password,
          passwordConfirmation: text('passwordConfirmation'),
          displayName: values.displayName,
          phone: values.phone,
          communityId: values.communityId,
        },
      },
      { anonymous: true },
    ));
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.codes.includes('RATE_LIMITED')) {
      const limited: FormError = {
        code: 'RATE_LIMITED',
        field: null,
        message: error.message,
        limit: null,
      };
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
  return startSession(
    request,
    {
      token,
      role: 'VOLUNTEER',
      communityId: values.communityId,
      language: payload.viewer?.language,
    },
    '/shifts',
  );
}

export default function RegisterPage() {
  const { communities } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const errors = actionData?.errors ?? [];
  const values = actionData?.values;
  const submitting = navigation.state !== 'idle' && navigation.formAction === '/register';
  const english = i18n.language === 'en';
  const fields: Record<string, SummaryField> = {
    username: { label: t('register.username') },
    password: { label: t('register.password') },
    passwordConfirmation: { label: t('register.passwordAgain') },
    displayName: { label: t('register.displayName') },
    phone: { label: t('register.phone') },
    communityId: { label: t('register.community'), kind: 'choice' },
  };

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
          <ErrorSummary errors={errors} fields={fields} />
          {/* The API checks every field and answers every problem at once; the browser's own
              checks stay off so that answer (and its summary) is what the volunteer sees. */}
          <Form method="post" className="stack" noValidate>
            <fieldset className="stack">
              <legend>{t('register.account')}</legend>
              <TextField
                name="username"
                label={t('register.username')}
                hint={t('register.usernameHint')}
                errors={errors}
                required
                maxLength={32}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck="false"
                defaultValue={values?.username ?? ''}
              />
              <TextField
                name="password"
                type="password"
                label={t('register.password')}
                hint={t('register.passwordHint')}
                errors={errors}
                required
                maxLength={128}
                autoComplete="new-password"
              />
              <TextField
                name="passwordConfirmation"
                type="password"
                label={t('register.passwordAgain')}
                errors={errors}
                required
                maxLength={128}
                autoComplete="new-password"
              />
            </fieldset>
            <fieldset className="stack">
              <legend>{t('register.profile')}</legend>
              <TextField
                name="displayName"
                label={t('register.displayName')}
                hint={t('register.displayNameHint')}
                errors={errors}
                required
                maxLength={50}
                autoComplete="name"
                defaultValue={values?.displayName ?? ''}
              />
              <TextField
                name="phone"
                type="tel"
                inputMode="tel"
                label={t('register.phone')}
                hint={t('register.phoneHint')}
                errors={errors}
                required
                maxLength={11}
                autoComplete="tel"
                defaultValue={values?.phone ?? ''}
              />
              <SelectField
                name="communityId"
                label={t('register.community')}
                errors={errors}
                required
                defaultValue={values?.communityId ?? ''}
              >
                <option value="" disabled>
                  {t('register.chooseCommunity')}
                </option>
                {communities.map((community) => (
                  <option key={community.id} value={community.id}>
                    {english ? community.nameEn : community.name}
                  </option>
                ))}
              </SelectField>
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
