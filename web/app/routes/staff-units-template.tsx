// GET /staff/units/template.csv?lang=: the unit import sheet in the page's language — its header row
// (importUnits takes the Chinese and the English headers alike) and one example row whose first
// cell starts with "# " (the importer skips such rows, so it may stay) — as UTF-8 with a BOM, so
// Excel opens it in the right encoding. The page explains the columns.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { stringify } from 'csv-stringify/sync';
import { requireToken } from '../auth/session.server';
import { directoryZh } from '../i18n/features/directory';
import { createI18n, toLanguage } from '../i18n/i18n';
import { languageFromRequest } from '../i18n/language.server';

const COLUMNS = Object.keys(
  directoryZh.importColumns,
) as (keyof typeof directoryZh.importColumns)[];

/** The columns the example row fills in (the others stay empty). */
const isExample = (c: string): c is keyof typeof directoryZh.exampleRow =>
  Object.hasOwn(directoryZh.exampleRow, c);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireToken(request);
  // The page links the template in its own language (?lang=); else the request's language.
  const language =
    toLanguage(new URL(request.url).searchParams.get('lang') ?? '') ?? languageFromRequest(request);
  const en = language === 'en';
  const i18n = createI18n(language);
  const csv = stringify(
    [
      COLUMNS.map((c) => i18n.t(`directory.importColumns.${c}`)),
      COLUMNS.map((c) => (isExample(c) ? i18n.t(`directory.exampleRow.${c}`) : '')),
    ],
    { bom: true, record_delimiter: '\r\n' },
  );
  const fileName = en ? 'units-template.csv' : '驻区单位导入模板.csv';
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="units-template.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'Cache-Control': 'private, max-age=3600',
    },
  });
}
