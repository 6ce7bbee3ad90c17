// /unit/commitments/:id/edit: change a commitment as far as the API allows — every field of a
// draft (`viewerCan.editDetails`), or only the target of an accepted one, as a request staff
// review (`viewerCan.edit`). The version the page was loaded at goes with the change, so an edit
// made meanwhile by someone else is refused (CONFLICT) rather than overwritten.
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
  EditCommitmentPageDocument,
  UpdateCommitmentDocument,
  type UpdateCommitmentInput,
  type UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import {
  CommitmentForm,
  commitmentDetails,
  commitmentValues,
  localErrors,
  postedCommitment,
  TargetField,
  withNeed,
  type CommitmentValues,
} from '../components/CommitmentFields';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { TextField } from '../components/form/TextField';
import { gqlRequest, signedInRequest } from '../graphql/client.server';
import { pageTitle } from '../i18n/meta';

type Errors = UserErrorFieldsFragment[];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, (m) => m.editCommitment.title) },
];

const detailPath = (id: string) => `/unit/commitments/${encodeURIComponent(id)}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const result = await signedInRequest(request, EditCommitmentPageDocument, {
    id: params.id ?? '',
  });
  const { commitment } = result;
  if (!commitment) throw new Response(null, { status: 404, statusText: 'Not Found' });
  // What may change is the API's to say; nothing may: back to the commitment.
  if (!commitment.viewerCan.edit) throw redirect(detailPath(commitment.id));
  const needs = result.needs.edges
    .map((edge) => edge.node)
    .filter((need) => need.community.id === commitment.unit.community.id);
  const saved: CommitmentValues = {
    needId: commitment.need?.id ?? '',
    categoryId: commitment.category.id,
    title: commitment.title,
    description: commitment.description,
    measure: commitment.measure,
    targetAmount: String(commitment.targetAmount),
    periodStart: commitment.periodStart,
    periodEnd: commitment.periodEnd,
  };
  const typed = commitmentValues(new URL(request.url).searchParams);
  return {
    viewer: result.viewer,
    commitment,
    categories: result.commitmentCategories,
    needs,
    initial: typed ? withNeed({ ...saved, ...typed }, needs) : saved,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = params.id ?? '';
  const form = await request.formData();
  const version = Number(form.get('version'));
  const intent = form.get('intent');
  if (!Number.isInteger(version) || (intent !== 'details' && intent !== 'target')) {
    throw new Response(null, { status: 400 });
  }
  const values = postedCommitment(form);
  const note = String(form.get('note') ?? '').trim();
  let input: UpdateCommitmentInput;
  if (intent === 'details') {
    const errors = localErrors(values);
    if (errors.length > 0) return data({ values, note, errors }, { status: 400 });
    input = {
      id,
      version,
      ...commitmentDetails(values),
      needId: values.needId || null,
    };
  } else {
    const amount = Number(values.targetAmount);
    const errors: Errors = [];
    if (!values.targetAmount) {
      errors.push({ code: 'REQUIRED', field: ['input', 'targetAmount'], message: '' });
    } else if (!Number.isFinite(amount)) {
      errors.push({ code: 'INVALID', field: ['input', 'targetAmount'], message: '' });
    }
    if (errors.length > 0) return data({ values, note, errors }, { status: 400 });
    input = { id, version, targetAmount: amount, note };
  }
  const { updateCommitment: payload } = await gqlRequest(request, UpdateCommitmentDocument, {
    input,
  });
  if (payload.errors.length > 0 || !payload.commitment) {
    return data({ values, note, errors: payload.errors }, { status: 400 });
  }
  // The unit's change of an accepted target is a request staff approve; staff's is made at once.
  const done = payload.commitment.proposedTargetAmount !== null ? 'targetRequested' : 'updated';
  return redirect(`${detailPath(id)}?done=${done}`);
}

export default function EditCommitmentPage() {
  const { commitment, categories, needs, initial } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state !== 'idle' && navigation.formMethod === 'POST';
  const values: Partial<CommitmentValues> = actionData?.values ?? initial;
  const errors: Errors = actionData?.errors ?? [];
  const unit = t(`measureUnit.${commitment.measure}`);

  return (
    <>
      <main id="main" className="page page-narrow">
        <p className="back-link">
          <Link to={detailPath(commitment.id)}>← {t('editCommitment.back')}</Link>
        </p>
        <h1>{t('editCommitment.heading')}</h1>
        <p className="lead">
          {commitment.viewerCan.editDetails
            ? t('editCommitment.intro')
            : t('editCommitment.targetIntro')}
        </p>
        {commitment.viewerCan.editDetails ? (
          <CommitmentForm
            title={t('editCommitment.failed')}
            formKey={JSON.stringify(initial)}
            hidden={<input type="hidden" name="version" value={commitment.version} />}
            categories={categories}
            needs={needs}
            values={values}
            errors={errors}
            buttons={
              <button
                type="submit"
                name="intent"
                value="details"
                className="button button-primary"
                disabled={busy}
              >
                {busy ? t('newCommitment.submitting') : t('editCommitment.save')}
              </button>
            }
          />
        ) : (
          <>
            <ErrorSummary
              errors={errors}
              fields={{
                targetAmount: { label: t('editCommitment.target', { unit }) },
                note: { label: t('editCommitment.note') },
              }}
              title={t('editCommitment.failed')}
            />
            <Form method="post" className="panel stack commitment-form" noValidate>
              <input type="hidden" name="version" value={commitment.version} />
              <TargetField
                label={t('editCommitment.target', { unit })}
                errors={errors}
                value={values.targetAmount}
              />
              <TextField
                multiline
                name="note"
                label={t('editCommitment.note')}
                errors={errors}
                rows={3}
                defaultValue={actionData?.note ?? ''}
              />
              <div className="button-row">
                <button
                  type="submit"
                  name="intent"
                  value="target"
                  className="button button-primary"
                  disabled={busy}
                >
                  {busy ? t('newCommitment.submitting') : t('editCommitment.requestTarget')}
                </button>
              </div>
            </Form>
          </>
        )}
      </main>
    </>
  );
}
