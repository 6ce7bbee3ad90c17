// /activities/new: staff, a social worker or the office describe a new activity — title, place,
// description, category, required skills and, optionally, the unit commitment its hours count
// toward. The office first picks the community (?community=). Errors show beside their fields.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CreateActivityDocument,
  NewActivityPageDocument,
  type ActivityUserErrorFragment,
  type Skill,
} from '../../../schema/generated/graphql';
import { getCommunityId, getRole } from '../auth/session.server';
import { useActivityErrorText } from '../components/activities/shared';
import { ErrorSummary, type SummaryField } from '../components/form/ErrorSummary';
import { FieldError } from '../components/form/FieldError';
import { SelectField } from '../components/form/SelectField';
import { TextField } from '../components/form/TextField';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';
import { fieldOf } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';
import href from '../styles/activities.css?url';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.activities.new.title) },
];

const skills = Object.keys(zhCN.skill) as Skill[];
interface Values {
  communityId: string;
  title: string;
  description: string;
  location: string;
  categoryId: string;
  commitmentId: string;
  requiredSkills: string[];
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Role and community as remembered at sign-in; the API decides what is allowed.
  const role = await getRole(request);
  if (role === 'VOLUNTEER') throw new Response(null, { status: 403 });
  const admin = role === 'STREET_ADMIN';
  const picked = new URL(request.url).searchParams.get('community') ?? '';
  const communityId = admin ? picked : ((await getCommunityId(request)) ?? '');
  const result = await signedInRequest(request, NewActivityPageDocument, {
    commitmentFilter: { communityId: communityId || 'none', statuses: ['ACTIVE'] },
    withCommunities: admin,
  });
  if (result.viewer.role === 'VOLUNTEER') throw new Response(null, { status: 403 });
  return {
    viewer: result.viewer,
    admin,
    communityId,
    communities: result.communities?.edges.map((edge) => edge.node) ?? [],
    categories: result.commitmentCategories,
    commitments: communityId
      ? result.commitments.edges
          .map((edge) => edge.node)
          // Hours count toward a unit's commitment when those who record its fulfilment link it.
          .filter(
            (c) =>
              c.measure === 'VOLUNTEER_HOURS' &&
              c.community.id === communityId &&
              c.viewerCan.recordFulfilment,
          )
      : [],
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values: Values = {
    communityId: text('communityId'),
    title: text('title'),
    description: text('description'),
    location: text('location'),
    categoryId: text('categoryId'),
    commitmentId: text('commitmentId'),
    requiredSkills: form
      .getAll('requiredSkills')
      .map(String)
      .filter((s) => skills.includes(s as Skill)),
  };
  const errors: ActivityUserErrorFragment[] = [];
  for (const name of ['title', 'location'] as const) {
    if (!values[name]) errors.push({ code: 'REQUIRED', field: ['input', name], message: '' });
  }
  if (errors.length > 0) return data({ values, errors }, { status: 400 });
  const { createActivity: payload } = await gqlRequest(request, CreateActivityDocument, {
    input: {
      ...(values.communityId ? { communityId: values.communityId } : {}),
      title: values.title,
      description: values.description,
      location: values.location,
      ...(values.categoryId ? { categoryId: values.categoryId } : {}),
      ...(values.commitmentId ? { commitmentId: values.commitmentId } : {}),
      requiredSkills: values.requiredSkills as Skill[],
    },
  });
  if (payload.errors.length > 0 || !payload.activity) {
    return data({ values, errors: payload.errors }, { status: 400 });
  }
  return redirect(`/activities/${encodeURIComponent(payload.activity.id)}?created=1`);
}

export default function NewActivityPage() {
  const { admin, communityId, communities, categories, commitments } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const errorText = useActivityErrorText();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const values: Partial<Values> = actionData?.values ?? {};
  const errors = actionData?.errors ?? [];
  const errorsOf = (name: string) => errors.filter((error) => fieldOf(error) === name);
  const common = { errors, errorText };
  const summaryFields: Record<string, SummaryField> = {
    title: { label: t('activities.new.titleLabel') },
    location: { label: t('activities.new.location') },
    description: { label: t('activities.new.description') },
    categoryId: { label: t('activities.new.category'), kind: 'choice' },
    requiredSkills: { label: t('activities.new.skills'), kind: 'choice', id: 'requiredSkills' },
    commitmentId: { label: t('activities.new.commitment'), kind: 'choice' },
  };
  const en = i18n.language === 'en';
  const chosenSkills = new Set(values.requiredSkills ?? []);

  return (
    <>
      <main id="main" className="page page-narrow">
        <p className="back-link">
          <Link to="/activities">← {t('activities.new.back')}</Link>
        </p>
        <h1>{t('activities.new.heading')}</h1>
        <p className="lead">{t('activities.new.intro')}</p>

        {admin && (
          <Form method="get" className="panel community-picker">
            <div className="field">
              <label htmlFor="community">{t('activities.new.community')}</label>
              <select id="community" name="community" defaultValue={communityId}>
                <option value="">{t('activities.new.chooseCommunity')}</option>
                {communities.map((c) => (
                  <option key={c.id} value={c.id}>
                    {en ? c.nameEn : c.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t('activities.apply')}
            </button>
          </Form>
        )}

        <ErrorSummary
          errors={errors}
          fields={summaryFields}
          title={t('activities.new.failed')}
          errorText={errorText}
        />

        {(!admin || communityId) && (
          <Form method="post" className="panel stack activity-form" noValidate>
            {admin && <input type="hidden" name="communityId" value={communityId} />}
            <FieldError id="communityId" name="communityId" errors={errors} errorText={errorText} />
            <TextField
              name="title"
              label={t('activities.new.titleLabel')}
              {...common}
              maxLength={120}
              required
              defaultValue={values.title ?? ''}
            />
            <TextField
              name="location"
              label={t('activities.new.location')}
              {...common}
              maxLength={200}
              required
              defaultValue={values.location ?? ''}
            />
            <TextField
              multiline
              name="description"
              label={t('activities.new.description')}
              hint={t('activities.new.descriptionHint')}
              {...common}
              rows={4}
              maxLength={4000}
              defaultValue={values.description ?? ''}
            />
            <SelectField
              name="categoryId"
              label={t('activities.new.category')}
              {...common}
              defaultValue={values.categoryId ?? ''}
            >
              <option value="">{t('activities.new.noCategory')}</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {en ? category.nameEn : category.name}
                </option>
              ))}
            </SelectField>
            <fieldset
              id="requiredSkills"
              className="skill-choices"
              aria-describedby={
                errorsOf('requiredSkills').length > 0
                  ? 'requiredSkills-hint requiredSkills-error'
                  : 'requiredSkills-hint'
              }
            >
              <legend>{t('activities.new.skills')}</legend>
              <p className="muted field-hint" id="requiredSkills-hint">
                {t('activities.new.skillsHint')}
              </p>
              <div className="skill-grid">
                {skills.map((skill) => (
                  <label key={skill} className="check">
                    <input
                      type="checkbox"
                      name="requiredSkills"
                      value={skill}
                      defaultChecked={chosenSkills.has(skill)}
                    />
                    <span>{t(`skill.${skill}`)}</span>
                  </label>
                ))}
              </div>
              <FieldError
                id="requiredSkills"
                name="requiredSkills"
                errors={errors}
                kind="choice"
                errorText={errorText}
              />
            </fieldset>
            <SelectField
              name="commitmentId"
              label={t('activities.new.commitment')}
              hint={t('activities.new.commitmentHint')}
              {...common}
              defaultValue={values.commitmentId ?? ''}
            >
              <option value="">{t('activities.new.noCommitment')}</option>
              {commitments.map((c) => (
                <option key={c.id} value={c.id}>
                  {t('activities.new.commitmentOption', { unit: c.unit.name, title: c.title })}
                </option>
              ))}
            </SelectField>
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('activities.new.submitting') : t('activities.new.submit')}
              </button>
            </div>
          </Form>
        )}
      </main>
    </>
  );
}
