// The spreadsheet import of the unit directory: the columns the sheet takes (named as the page's
// language names them, with what each allows), the template, the check (importUnits with dryRun)
// with every problem said as "row, column: what is wrong and what is allowed", and the confirm
// button that posts the checked file again.
import { Form, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportUnitsMutation,
  UnitKind,
  UserErrorFieldsFragment,
} from '../../../../schema/generated/graphql';
import { directoryZh } from '../../i18n/features/directory';
import { useNumberFormat } from '../../i18n/format';
import { fieldOf, useUserErrorText } from '../../i18n/user-error';

type ImportPayload = ImportUnitsMutation['importUnits'];
type RowError = ImportPayload['rowErrors'][number];
type ColumnKey = keyof typeof directoryZh.importColumns;

/** What the import action answers: the check's findings, or why the file was refused. */
export interface ImportActionResult {
  intent: 'check' | 'import';
  fileName: string;
  /** Kept only when the check passed, for the confirm button to post again. */
  contentBase64: string | null;
  validCount: number;
  rowErrors: ImportPayload['rowErrors'];
  errors: UserErrorFieldsFragment[];
}

const COLUMNS = Object.keys(directoryZh.importColumns) as ColumnKey[];
const REQUIRED: ReadonlySet<ColumnKey> = new Set([
  'name',
  'kind',
  'staffCount',
  'liaisonName',
  'liaisonPhone',
]);
/** The kinds of unit, in the API's order (the order a refused cell lists them in). */
const KINDS: readonly UnitKind[] = [
  'ENTERPRISE',
  'INSTITUTION',
  'SCHOOL',
  'HOSPITAL',
  'GOVERNMENT_DEPARTMENT',
  'SOCIAL_ORGANISATION',
];
const isColumn = (field: string | null | undefined): field is ColumnKey =>
  !!field && Object.hasOwn(directoryZh.importColumns, field);
const isKind = (value: string): value is UnitKind => Object.hasOwn(directoryZh.kinds, value);

/** A row problem in words: "row 5, Kind of unit: 'x' is not one of the choices; choose from: …". */
export function useRowProblemText() {
  const { t } = useTranslation();
  return (e: RowError) => {
    const column = isColumn(e.field) ? t(`directory.importColumns.${e.field}`) : '';
    const list = (values: string[]) =>
      values
        .map((v) => (e.field === 'kind' && isKind(v) ? t(`directory.kinds.${v}`) : v))
        .join(t('directory.listSeparator'));
    const details = {
      value: e.value ?? '',
      allowed: list(e.allowed),
      limit: e.limit ?? 0,
      otherRow: e.otherRow ?? 0,
    };
    const problem =
      e.code === 'TOO_LONG'
        ? t('directory.rowError.TOO_LONG', { count: e.limit ?? 0, limit: e.limit ?? 0 })
        : e.code === 'NOT_FOUND'
          ? e.field === 'community'
            ? t('directory.rowError.NOT_FOUND_COMMUNITY', details)
            : e.allowed.length > 0
              ? t('directory.rowError.NOT_FOUND_GRID', details)
              : t('directory.rowError.NOT_FOUND_NO_GRIDS')
          : Object.hasOwn(directoryZh.rowError, e.code)
            ? t(`directory.rowError.${e.code as keyof typeof directoryZh.rowError}`, details)
            : t('directory.rowError.INVALID', details);
    return t('directory.rowProblem', {
      row: e.row,
      // A missing column is named as the template names it; others as the sheet does.
      column: e.code === 'MISSING_COLUMN' ? column : e.column || column,
      problem,
    });
  };
}

/** The sheet's columns as the page's language names them, each with what it takes. */
function ColumnsHelp() {
  const { t } = useTranslation();
  const kinds = KINDS.map((k) => t(`directory.kinds.${k}`)).join(t('directory.listSeparator'));
  return (
    <div className="directory-columns">
      <h3>{t('directory.import.columnsHeading')}</h3>
      <p className="muted">{t('directory.import.columnsHelp')}</p>
      <dl className="facts import-columns">
        {COLUMNS.map((column) => (
          <div key={column} data-column={column}>
            <dt>
              {t(`directory.importColumns.${column}`)}{' '}
              <span className="muted">
                {REQUIRED.has(column)
                  ? t('directory.import.required')
                  : t('directory.import.optional')}
              </span>
            </dt>
            <dd>{t(`directory.columnHelp.${column}`, { kinds })}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('directory.import.commentRows')}</p>
    </div>
  );
}

export function ImportSection({
  communityId,
  actionData,
}: {
  communityId: string | null;
  /** What the last check or import said. */
  actionData: ImportActionResult | undefined;
}) {
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const number = useNumberFormat();
  const errorText = useUserErrorText();
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => resultRef.current?.focus(), [actionData]);
  const busyIntent =
    navigation.state !== 'idle' && navigation.formMethod === 'POST'
      ? navigation.formData?.get('intent')
      : null;
  const fileErrors = (actionData?.errors ?? []).filter(
    (e) => fieldOf(e) === 'file' || fieldOf(e) === 'contentBase64' || fieldOf(e) === 'fileName',
  );
  const otherErrors = (actionData?.errors ?? []).filter((e) => !fileErrors.includes(e));
  const fileErrorText = (e: UserErrorFieldsFragment) =>
    e.code === 'FILE_TOO_LARGE_5MB'
      ? t('directory.import.tooLarge')
      : e.code === 'TOO_LONG'
        ? t('directory.import.tooBig')
        : e.code === 'UNSUPPORTED_FILE'
          ? t('directory.import.unsupported')
          : e.code === 'REQUIRED' && fieldOf(e) === 'contentBase64'
            ? t('directory.import.emptySheet')
            : errorText(e);
  const rowProblem = useRowProblemText();

  return (
    <section className="panel directory-import" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('directory.import.heading')}</h2>
      <p>{t('directory.import.intro')}</p>
      <p>
        <a
          className="button button-quiet"
          href={`/staff/units/template.csv?lang=${encodeURIComponent(i18n.language)}`}
          download
        >
          {t('directory.import.template')}
        </a>
      </p>
      <ColumnsHelp />

      {actionData && (
        <div
          className="import-result outcome"
          tabIndex={-1}
          ref={resultRef}
          role={actionData.contentBase64 ? 'status' : 'alert'}
        >
          {otherErrors.length > 0 && (
            <div className="alert">
              <p>
                <strong>{t('directory.import.failed')}</strong>
              </p>
              {otherErrors.map((e, index) => (
                <p key={index}>{errorText(e)}</p>
              ))}
            </div>
          )}
          {actionData.rowErrors.length > 0 && (
            <>
              <div className="alert">
                <p>
                  <strong>
                    {t('directory.import.problems', {
                      count: actionData.rowErrors.length,
                      file: actionData.fileName,
                      n: number.format(actionData.rowErrors.length),
                    })}
                  </strong>
                </p>
              </div>
              <ol className="row-errors" aria-label={t('directory.import.problemsCaption')}>
                {actionData.rowErrors.map((e, index) => (
                  <li key={index} data-row={e.row} data-code={e.code} data-field={e.field}>
                    {rowProblem(e)}
                  </li>
                ))}
              </ol>
            </>
          )}
          {actionData.contentBase64 && (
            <div className="notice">
              <p>
                <strong>
                  {t('directory.import.checked', {
                    count: actionData.validCount,
                    file: actionData.fileName,
                    valid: number.format(actionData.validCount),
                  })}
                </strong>
              </p>
              <Form method="post" encType="multipart/form-data" className="inline-form">
                <input type="hidden" name="intent" value="import" />
                <input type="hidden" name="fileName" value={actionData.fileName} />
                <input type="hidden" name="contentBase64" value={actionData.contentBase64} />
                {communityId && <input type="hidden" name="community" value={communityId} />}
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={busyIntent === 'import'}
                >
                  {busyIntent === 'import'
                    ? t('directory.import.importing')
                    : t('directory.import.confirm', {
                        count: actionData.validCount,
                        n: number.format(actionData.validCount),
                      })}
                </button>
              </Form>
            </div>
          )}
        </div>
      )}

      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <input type="hidden" name="intent" value="check" />
        {communityId && <input type="hidden" name="community" value={communityId} />}
        <div className="field">
          <label htmlFor="import-file">{t('directory.import.file')}</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            required
            {...(fileErrors.length > 0
              ? { 'aria-invalid': true as const, 'aria-describedby': 'import-file-error' }
              : {})}
          />
          {fileErrors.length > 0 && (
            <p className="field-error" id="import-file-error" role="alert">
              {fileErrors.map(fileErrorText).join(' ')}
            </p>
          )}
        </div>
        <div>
          <button type="submit" className="button" disabled={busyIntent === 'check'}>
            {busyIntent === 'check' ? t('directory.import.checking') : t('directory.import.check')}
          </button>
        </div>
      </Form>
    </section>
  );
}
