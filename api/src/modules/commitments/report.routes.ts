// HTTP route for the annual co-building report:
//   GET /reports/co-building?communityId=<global id>&year=2026&format=xlsx|csv[&categoryId=][&lang=zh-CN|en]
// with `Authorization: Bearer <token>`. Who may read it is decided inside `buildCoBuildingReport`
// (policy `coBuildingReport.read`); errors answer in the GraphQL error shape.
import { Router } from 'express';
import { z } from 'zod';
import type { App } from '../../app.js';
import {
  CONTENT_TYPES,
  downloadRoute,
  formatParam,
  langParam,
  optionalParam,
  parseQuery,
} from '../../http/exports.js';
import { buildCoBuildingReport } from './co-building-report.js';
import { toCsv } from './report-csv.js';
import { reportFileName } from './report-labels.js';
import { toXlsx } from './report-xlsx.js';

const reportQuery = z.object({
  communityId: optionalParam,
  categoryId: optionalParam,
  year: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string('Give one year.')
      .regex(/^\d{4}$/, '"year" must be a year like 2026.')
      .transform(Number)
      .optional(),
  ),
  format: formatParam,
  lang: langParam,
});

export function reportRouter(app: App): Router {
  const router = Router();

  router.get(
    '/co-building',
    downloadRoute(app, 'co-building report', async (ctx, req) => {
      const { communityId, categoryId, year, format, lang } = parseQuery(reportQuery, req.query);
      const report = await buildCoBuildingReport(ctx, { communityId, categoryId, year });
      return {
        body: format === 'csv' ? toCsv(report, lang) : await toXlsx(report, lang),
        type: CONTENT_TYPES[format],
        fileName: `${reportFileName(report, lang)}.${format}`,
        fallbackName: `co-building-report-${report.year}.${format}`,
      };
    }),
  );

  return router;
}
