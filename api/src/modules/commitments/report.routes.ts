// HTTP route for the annual co-building report:
//   GET /reports/co-building?communityId=<global id>&year=2026&format=xlsx|csv[&categoryId=][&lang=zh-CN|en]
// with `Authorization: Bearer <token>`. Who may read it is decided inside `buildCoBuildingReport`
// (policy `coBuildingReport.read`); errors answer in the GraphQL error shape.
import { Router } from 'express';
import { z } from 'zod';
import type { App } from '../../app.js';
import { badUserInput } from '../../graphql/errors.js';
import { contentDisposition, contextOf, sendThrown } from '../../http/responses.js';
import {
  buildCoBuildingReport,
  REPORT_LOCALES,
  reportFileName,
  toCsv,
  toXlsx,
  type ReportLocale,
} from './report.js';

const FORMATS = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** `?categoryId=` (empty) means no filter. */
const optionalText = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.string('Give one value.').max(200).optional(),
);

const reportQuery = z.object({
  communityId: optionalText,
  categoryId: optionalText,
  year: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z
      .string('Give one year.')
      .regex(/^\d{4}$/, '"year" must be a year like 2026.')
      .transform(Number)
      .optional(),
  ),
  format: z
    .enum(Object.keys(FORMATS) as ['xlsx', 'csv'], '"format" must be xlsx or csv.')
    .default('xlsx'),
  lang: z
    .enum(REPORT_LOCALES as [ReportLocale, ...ReportLocale[]], '"lang" must be zh-CN or en.')
    .default('zh-CN'),
});

export function reportRouter(app: App): Router {
  const router = Router();

  router.get('/co-building', async (req, res) => {
    try {
      const ctx = await contextOf(app, req);
      // Strangers learn nothing about the parameters, not even that they are wrong.
      ctx.viewer.requireUser();
      const parsed = reportQuery.safeParse(req.query);
      if (!parsed.success) throw badUserInput(parsed.error.issues[0]!.message);
      const { communityId, categoryId, year, format, lang } = parsed.data;

      const report = await buildCoBuildingReport(ctx, { communityId, categoryId, year });
      const body = format === 'csv' ? toCsv(report, lang) : await toXlsx(report, lang);
      res
        .status(200)
        .set({
          'Content-Type': FORMATS[format],
          'Content-Disposition': contentDisposition(
            `${reportFileName(report, lang)}.${format}`,
            `co-building-report-${report.year}.${format}`,
          ),
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
        })
        .send(body);
    } catch (error) {
      sendThrown(app, req, res, error, 'co-building report');
    }
  });

  return router;
}
