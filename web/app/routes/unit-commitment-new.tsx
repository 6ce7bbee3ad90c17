// /unit/commitments/new: a unit liaison writes a commitment for their unit — saved as a draft or
// submitted for review at once. The API's errors are shown beside their fields.
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
  CreateCommitmentDocument,
  NewCommitmentPageDocument,
  type Measure,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { expiredSessionRedirect, requireToken } from '../auth/session.server';
import { AppHeader } from '../components/AppHeader';
import { gqlRequest } from '../graphql/client.server';
import { shanghaiDay, useNumberFormat } from '../i18n/format';
import { pageTitle } from '../i18n/meta';
import { useFieldErrors } from '../components/field-errors';
import { fieldOf, useUserErrorText } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';

const measures = Object.keys(zhCN.measure) as Measure[];
const fields = [
  'categoryId',
  'title',
  'description',
  'measure',
  'targetAmount',
  'periodStart',
  'periodEnd',
  'needId',
] as const;
type FieldName = (typeof fields)[number];
type Values = Record<FieldName, string>;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.newCommitment.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  const result = await gqlRequest(request, NewCommitmentPageDocument, {});
  if (!result.viewer) throw await expiredSessionRedirect(request);
  const communityId = result.viewer.unit?.community.id;
  const today = shanghaiDay(new Date());
  return {
    viewer: result.viewer,
    unit: result.viewer.unit,
    categories: result.commitmentCategories,
    needs: result.needs.edges
      .map((edge) => edge.node)
      .filter((need) => need.community.id === communityId),
    defaults: { periodStart: today, periodEnd: `${today.slice(0, 4)}-12-31` },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireToken(request);
  const form = await request.formData();
  const values = Object.fromEntries(
    fields.map((name) => [name, String(form.get(name) ?? '').trim()]),
  ) as Values;
  const submit = form.get('intent') === 'submit';
  const errors: UserErrorFieldsFragment[] = [];
  for (const name of [
    'categoryId',
    'title',
    'measure',
    'targetAmount',
    'periodStart',
    'periodEnd',
  ] as const) {
    if (!values[name]) errors.push({ code: 'REQUIRED', field: ['input', name], message: '' });
  }
  const target = Number(values.targetAmount);
  if (values.targetAmount && !Number.isFinite(target)) {
    errors.push({ code: 'INVALID', field: ['input', 'targetAmount'], message: '' });
  }
  if (values.measure && !measures.includes(values.measure as Measure)) {
    errors.push({ code: 'INVALID', field: ['input', 'measure'], message: '' });
  }
  if (errors.length > 0) return data({ values, errors }, { status: 400 });

  // The unit the page was shown for; the API checks that the viewer speaks for it.
  const unitId = String(form.get('unitId') ?? '');
  if (!unitId) {
    return data(
      { values, errors: [{ code: 'NOT_FOUND', field: ['input', 'unitId'], message: '' }] },
      { status: 400 },
    );
  }
  const { createCommitment: payload } = await gqlRequest(request, CreateCommitmentDocument, {
    input: {
      unitId,
      categoryId: values.categoryId,
      title: values.title,
      description: values.description,
      measure: values.measure as Measure,
      targetAmount: target,
      periodStart: values.periodStart,
      periodEnd: values.periodEnd,
      ...(values.needId ? { needId: values.needId } : {}),
      submit,
    },
  });
  if (payload.errors.length > 0 || !payload.commitment) {
    return data({ values, errors: payload.errors }, { status: 400 });
  }
  return redirect(
    `/unit/commitments/${encodeURIComponent(payload.commitment.id)}?done=${submit ? 'submitted' : 'created'}`,
  );
}

export default function NewCommitmentPage() {
  const { viewer, unit, categories, needs, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const values: Partial<Values> = actionData?.values ?? {};
  const errors = actionData?.errors ?? [];
  const errorsOf = (name: string) => errors.filter((error) => fieldOf(error) === name);
  const general = errors.filter((error) => !fields.includes(fieldOf(error) as FieldName));
  const en = i18n.language === 'en';

  const { invalid, fieldErrors } = useFieldErrors(errorsOf);

  return (
    <>
      <AppHeader viewer={viewer} />
      <main id="main" className="page page-narrow">
        <p className="back-link">
          <Link to="/unit">← {t('newCommitment.back')}</Link>
        </p>
        <h1>{t('newCommitment.heading')}</h1>
        {!unit ? (
          <p className="panel">{t('unit.noUnit')}</p>
        ) : (
          <>
            <p className="lead">{t('newCommitment.intro')}</p>
            {errors.length > 0 && (
              <div className="alert" role="alert">
                <p>
                  <strong>{t('newCommitment.failed')}</strong>
                </p>
                {general.map((error, index) => (
                  <p key={index}>{errorText(error)}</p>
                ))}
              </div>
            )}
            <Form method="post" className="panel stack commitment-form" noValidate>
              <input type="hidden" name="unitId" value={unit.id} />
              <div className="field">
                <label htmlFor="categoryId">{t('newCommitment.category')}</label>
                <select
                  id="categoryId"
                  name="categoryId"
                  defaultValue={values.categoryId ?? ''}
                  {...invalid('categoryId')}
                >
                  <option value="">{t('newCommitment.chooseCategory')}</option>
                  {categories.map((category) => (
                    <option key={category.id} value={category.id}>
                      {en ? category.nameEn : category.name}
                    </option>
                  ))}
                </select>
                {fieldErrors('categoryId')}
              </div>
              <div className="field">
                <label htmlFor="title">{t('newCommitment.titleLabel')}</label>
                <input
                  id="title"
                  name="title"
                  maxLength={200}
                  defaultValue={values.title ?? ''}
                  {...invalid('title')}
                />
                {fieldErrors('title')}
              </div>
              <div className="field">
                <label htmlFor="description">{t('newCommitment.description')}</label>
                <textarea
                  id="description"
                  name="description"
                  rows={4}
                  defaultValue={values.description ?? ''}
                  {...invalid('description')}
                />
                {fieldErrors('description')}
              </div>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="measure">{t('newCommitment.measure')}</label>
                  <select
                    id="measure"
                    name="measure"
                    defaultValue={values.measure ?? ''}
                    {...invalid('measure')}
                  >
                    <option value="" disabled>
                      —
                    </option>
                    {measures.map((measure) => (
                      <option key={measure} value={measure}>
                        {t(`measure.${measure}`)}
                      </option>
                    ))}
                  </select>
                  {fieldErrors('measure')}
                </div>
                <div className="field">
                  <label htmlFor="targetAmount">{t('newCommitment.target')}</label>
                  <input
                    id="targetAmount"
                    name="targetAmount"
                    type="number"
                    inputMode="decimal"
                    min="0"
                    step="0.01"
                    defaultValue={values.targetAmount ?? ''}
                    {...invalid('targetAmount')}
                  />
                  {fieldErrors('targetAmount')}
                </div>
              </div>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="periodStart">{t('newCommitment.periodStart')}</label>
                  <input
                    id="periodStart"
                    name="periodStart"
                    type="date"
                    defaultValue={values.periodStart ?? defaults.periodStart}
                    {...invalid('periodStart')}
                  />
                  {fieldErrors('periodStart')}
                </div>
                <div className="field">
                  <label htmlFor="periodEnd">{t('newCommitment.periodEnd')}</label>
                  <input
                    id="periodEnd"
                    name="periodEnd"
                    type="date"
                    defaultValue={values.periodEnd ?? defaults.periodEnd}
                    {...invalid('periodEnd')}
                  />
                  {fieldErrors('periodEnd')}
                </div>
              </div>
              <div className="field">
                <label htmlFor="needId">{t('newCommitment.need')}</label>
                <select
                  id="needId"
                  name="needId"
                  defaultValue={values.needId ?? ''}
                  aria-describedby="needId-hint"
                  {...invalid('needId')}
                >
                  <option value="">{t('newCommitment.noNeed')}</option>
                  {needs.map((need) => (
                    <option key={need.id} value={need.id} data-measure={need.measure}>
                      {t('newCommitment.needOption', {
                        title: need.title,
                        amount: `${number.format(need.amount)} ${t(`measureUnit.${need.measure}`)}`,
                        pledged: number.format(need.pledged),
                      })}
                    </option>
                  ))}
                </select>
                <p className="muted field-hint" id="needId-hint">
                  {t('newCommitment.needHint')}
                </p>
                {fieldErrors('needId')}
              </div>
              <div className="button-row">
                <button
                  type="submit"
                  name="intent"
                  value="submit"
                  className="button button-primary"
                  disabled={busy}
                >
                  {busy ? t('newCommitment.submitting') : t('newCommitment.submit')}
                </button>
                <button
                  type="submit"
                  name="intent"
                  value="draft"
                  className="button button-quiet"
                  disabled={busy}
                >
                  {t('newCommitment.saveDraft')}
                </button>
              </div>
            </Form>
          </>
        )}
      </main>
    </>
  );
}
