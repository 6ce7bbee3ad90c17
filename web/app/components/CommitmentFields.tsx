// The fields of a commitment, shared by the new and edit pages: the need it answers (choosing one
// fills in the need's category and measure), category, title, description, measure, target and
// period. Without JavaScript, "fill in from the need" is a plain GET that reloads the form with
// `?needId=` and what was typed; with JavaScript the same fields are filled in place.
import { Form } from '@remix-run/react';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Measure,
  NeedChoiceFragment,
  UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { useNumberFormat } from '../i18n/format';
import { zhCN } from '../i18n/zh-CN';
import { ErrorSummary, type SummaryField } from './form/ErrorSummary';
import { SelectField } from './form/SelectField';
import { TextField } from './form/TextField';

export const measures = Object.keys(zhCN.measure) as Measure[];

export const commitmentFields = [
  'needId',
  'categoryId',
  'title',
  'description',
  'measure',
  'targetAmount',
  'periodStart',
  'periodEnd',
] as const;
export type CommitmentFieldName = (typeof commitmentFields)[number];
export type CommitmentValues = Record<CommitmentFieldName, string>;

/** The fields as typed (a posted form, or the query of a GET that chose a need). */
export function commitmentValues(
  source: FormData | URLSearchParams,
): Partial<CommitmentValues> | null {
  const values: Partial<CommitmentValues> = {};
  let any = false;
  for (const name of commitmentFields) {
    const value = source.get(name);
    if (value === null) continue;
    values[name] = String(value).trim();
    any = true;
  }
  return any ? values : null;
}

/** Every field as posted, trimmed ("" when absent). */
export function postedCommitment(form: FormData): CommitmentValues {
  return Object.fromEntries(
    commitmentFields.map((name) => [name, String(form.get(name) ?? '').trim()]),
  ) as CommitmentValues;
}

/** The details of the create and update inputs, from checked values (`localErrors` found none). */
export function commitmentDetails(values: CommitmentValues) {
  return {
    categoryId: values.categoryId,
    title: values.title,
    description: values.description,
    measure: values.measure as Measure,
    targetAmount: Number(values.targetAmount),
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
  };
}

/** The chosen need's category and measure fill in the form (the API requires the measure). */
export function withNeed(
  values: Partial<CommitmentValues>,
  needs: readonly NeedChoiceFragment[],
): Partial<CommitmentValues> {
  const need = needs.find((n) => n.id === values.needId);
  return need ? { ...values, categoryId: need.category.id, measure: need.measure } : values;
}

/** A new commitment's period by default: this calendar year in Asia/Shanghai. */
export function currentYearPeriod(today: string): { periodStart: string; periodEnd: string } {
  const year = today.slice(0, 4);
  return { periodStart: `${year}-01-01`, periodEnd: `${year}-12-31` };
}

/** What the page checks before asking the API: required fields and numbers. */
export function localErrors(values: CommitmentValues): UserErrorFieldsFragment[] {
  const errors: UserErrorFieldsFragment[] = [];
  const required = ['categoryId', 'title', 'measure', 'targetAmount', 'periodStart', 'periodEnd'];
  for (const name of required) {
    if (!values[name as CommitmentFieldName]) {
      errors.push({ code: 'REQUIRED', field: ['input', name], message: '' });
    }
  }
  if (values.targetAmount && !Number.isFinite(Number(values.targetAmount))) {
    errors.push({ code: 'INVALID', field: ['input', 'targetAmount'], message: '' });
  }
  if (values.measure && !measures.includes(values.measure as Measure)) {
    errors.push({ code: 'INVALID', field: ['input', 'measure'], message: '' });
  }
  return errors;
}

/** The fields' labels, for the error summary above the form. */
export function useCommitmentFieldLabels(): Record<string, SummaryField> {
  const { t } = useTranslation();
  return {
    needId: { label: t('newCommitment.need'), kind: 'choice' },
    categoryId: { label: t('newCommitment.category'), kind: 'choice' },
    title: { label: t('newCommitment.titleLabel') },
    description: { label: t('newCommitment.description') },
    measure: { label: t('newCommitment.measure'), kind: 'choice' },
    targetAmount: { label: t('newCommitment.target') },
    periodStart: { label: t('newCommitment.periodStart') },
    periodEnd: { label: t('newCommitment.periodEnd') },
  };
}

/**
 * The form of the new and edit pages: the summary of what to fix (`title` its heading), the
 * fields, and the page's own hidden inputs and buttons. Remounted when a GET brings other values
 * (a need chosen), so they show.
 */
export function CommitmentForm({
  title,
  formKey,
  hidden,
  buttons,
  ...fields
}: Parameters<typeof CommitmentFields>[0] & {
  title: string;
  formKey: string;
  hidden: ReactNode;
  buttons: ReactNode;
}) {
  return (
    <>
      <ErrorSummary errors={fields.errors} fields={useCommitmentFieldLabels()} title={title} />
      <Form method="post" className="panel stack commitment-form" noValidate key={formKey}>
        {hidden}
        <CommitmentFields {...fields} />
        <div className="button-row">{buttons}</div>
      </Form>
    </>
  );
}

export function CommitmentFields({
  categories,
  needs,
  values,
  errors,
}: {
  categories: readonly { id: string; name: string; nameEn: string }[];
  needs: readonly NeedChoiceFragment[];
  /** What to show: what was typed, else the commitment's or the defaults. */
  values: Partial<CommitmentValues>;
  errors: readonly UserErrorFieldsFragment[];
}) {
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const en = i18n.language === 'en';
  const categoryRef = useRef<HTMLSelectElement>(null);
  const measureRef = useRef<HTMLSelectElement>(null);
  const chosen = needs.find((need) => need.id === values.needId);
  // A measure that does not fit the need is explained with the need's own measure.
  const errorValues = { measure: chosen ? t(`measure.${chosen.measure}`) : '—' };
  const common = { errors, errorValues };

  const fillFromNeed = (needId: string) => {
    const need = needs.find((n) => n.id === needId);
    if (!need) return;
    if (categoryRef.current) categoryRef.current.value = need.category.id;
    if (measureRef.current) measureRef.current.value = need.measure;
  };

  return (
    <>
      <SelectField
        name="needId"
        label={t('newCommitment.need')}
        hint={t('newCommitment.needHint')}
        {...common}
        defaultValue={values.needId ?? ''}
        onChange={(event) => fillFromNeed(event.currentTarget.value)}
        after={
          needs.length > 0 && (
            <p>
              <button
                type="submit"
                formMethod="get"
                formNoValidate
                className="button button-quiet"
                name="fill"
                value="need"
              >
                {t('newCommitment.applyNeed')}
              </button>
            </p>
          )
        }
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
      </SelectField>
      <SelectField
        name="categoryId"
        label={t('newCommitment.category')}
        {...common}
        ref={categoryRef}
        defaultValue={values.categoryId ?? ''}
      >
        <option value="">{t('newCommitment.chooseCategory')}</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {en ? category.nameEn : category.name}
          </option>
        ))}
      </SelectField>
      <TextField
        name="title"
        label={t('newCommitment.titleLabel')}
        {...common}
        maxLength={200}
        defaultValue={values.title ?? ''}
      />
      <TextField
        multiline
        name="description"
        label={t('newCommitment.description')}
        {...common}
        rows={4}
        defaultValue={values.description ?? ''}
      />
      <div className="form-row">
        <SelectField
          name="measure"
          label={t('newCommitment.measure')}
          {...common}
          ref={measureRef}
          defaultValue={values.measure ?? ''}
        >
          <option value="" disabled>
            —
          </option>
          {measures.map((measure) => (
            <option key={measure} value={measure}>
              {t(`measure.${measure}`)}
            </option>
          ))}
        </SelectField>
        <TargetField
          label={t('newCommitment.target')}
          errors={errors}
          value={values.targetAmount}
        />
      </div>
      <div className="form-row">
        <TextField
          name="periodStart"
          type="date"
          label={t('newCommitment.periodStart')}
          {...common}
          defaultValue={values.periodStart ?? ''}
        />
        <TextField
          name="periodEnd"
          type="date"
          label={t('newCommitment.periodEnd')}
          {...common}
          defaultValue={values.periodEnd ?? ''}
        />
      </div>
    </>
  );
}

/** The target amount: also the only field of an accepted commitment's edit page. */
export function TargetField({
  label,
  errors,
  value,
}: {
  label: string;
  errors: readonly UserErrorFieldsFragment[];
  value: string | undefined;
}) {
  return (
    <TextField
      name="targetAmount"
      type="number"
      inputMode="decimal"
      min="0"
      step="0.01"
      label={label}
      errors={errors}
      defaultValue={value ?? ''}
    />
  );
}
