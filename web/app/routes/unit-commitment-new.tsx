// /unit/commitments/new: a unit liaison writes a commitment for their unit — saved as a draft or
// submitted for review at once. The API's errors are shown beside their fields. Choosing a need
// fills in its category and measure (`?needId=` reloads the form with it, keeping what was typed).
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import {
  CreateCommitmentDocument,
  NewCommitmentPageDocument,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import {
  CommitmentForm,
  commitmentDetails,
  commitmentValues,
  currentYearPeriod,
  localErrors,
  postedCommitment,
  withNeed,
  type CommitmentValues,
} from '../components/CommitmentFields';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { shanghaiDay } from '../i18n/format';
import { pageTitle } from '../i18n/meta';

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.newCommitment.title) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, NewCommitmentPageDocument, {});
  const communityId = result.viewer.unit?.community.id;
  const needs = result.needs.edges
    .map((edge) => edge.node)
    .filter((need) => need.community.id === communityId);
  // The period is this calendar year unless something else was typed; a need chosen by a GET
  // (`?needId=`) brings its category and measure.
  const typed = commitmentValues(new URL(request.url).searchParams) ?? {};
  return {
    viewer: result.viewer,
    unit: result.viewer.unit,
    categories: result.commitmentCategories,
    needs,
    initial: withNeed({ ...currentYearPeriod(shanghaiDay(new Date())), ...typed }, needs),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const values = postedCommitment(form);
  const submit = form.get('intent') === 'submit';
  const errors = localErrors(values);
  if (errors.length > 0) return data({ values, errors }, { status: 400 });

  // The unit the page was shown for; the API checks that the viewer speaks for it.
  const unitId = String(form.get('unitId') ?? '');
  if (!unitId) {
    const missing: UserErrorFieldsFragment = {
      code: 'NOT_FOUND',
      field: ['input', 'unitId'],
      message: '',
    };
    return data({ values, errors: [missing] }, { status: 400 });
  }
  const { createCommitment: payload } = await gqlRequest(request, CreateCommitmentDocument, {
    input: {
      unitId,
      ...commitmentDetails(values),
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
  const { unit, categories, needs, initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const values: Partial<CommitmentValues> = actionData?.values ?? initial;
  const errors = actionData?.errors ?? [];

  return (
    <>
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
            <CommitmentForm
              title={t('newCommitment.failed')}
              formKey={JSON.stringify(initial)}
              hidden={<input type="hidden" name="unitId" value={unit.id} />}
              categories={categories}
              needs={needs}
              values={values}
              errors={errors}
              buttons={
                <>
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
                </>
              }
            />
          </>
        )}
      </main>
    </>
  );
}
