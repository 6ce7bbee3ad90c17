// The fields of a commitment, shared by the new and edit pages: the need it answers (choosing one
// fills in the need's category and measure), category, title, description, measure, target and
// period. Without JavaScript, "fill in from the need" is a plain GET that reloads the form with
// `?needId=` and what was typed; with JavaScript the same fields are filled in place.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Measure,
  NeedChoiceFragment,
  UserErrorFieldsFragment,
} from '../../../schema/generated/graphql';
import { useNumberFormat } from '../i18n/format';
import { fieldOf } from '../i18n/user-error';
import { zhCN } from '../i18n/zh-CN';
import { useFieldErrors } from './field-errors';

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
  const { invalid, fieldErrors } = useFieldErrors(
    (name) => errors.filter((error) => fieldOf(error) === name),
    { measure: chosen ? t(`measure.${chosen.measure}`) : '—' },
  );

  const fillFromNeed = (needId: string) => {
    const need = needs.find((n) => n.id === needId);
    if (!need) return;
    if (categoryRef.current) categoryRef.current.value = need.category.id;
    if (measureRef.current) measureRef.current.value = need.measure;
  };

  return (
    <>
      <div className="field">
        <label htmlFor="needId">{t('newCommitment.need')}</label>
        <select
          id="needId"
          name="needId"
          defaultValue={values.needId ?? ''}
          aria-describedby="needId-hint"
          onChange={(event) => fillFromNeed(event.currentTarget.value)}
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
        {needs.length > 0 && (
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
        )}
      </div>
      <div className="field">
        <label htmlFor="categoryId">{t('newCommitment.category')}</label>
        <select
          id="categoryId"
          name="categoryId"
          ref={categoryRef}
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
            ref={measureRef}
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
            defaultValue={values.periodStart ?? ''}
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
            defaultValue={values.periodEnd ?? ''}
            {...invalid('periodEnd')}
          />
          {fieldErrors('periodEnd')}
        </div>
      </div>
    </>
  );
}
