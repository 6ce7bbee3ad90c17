// HTTP route for the staffing report (社区工作者配备情况):
//   GET /reports/staffing?communityId=<global id>&format=xlsx|csv[&lang=zh-CN|en]
// with `Authorization: Bearer <token>`. The figures are `staffingReport`'s, the function behind
// the GraphQL query, which also decides who may read them (policy `staffing.read`: the office
// every community, staff their own); the files are built by `staffing-report.ts`. Errors answer
// in the GraphQL error shape.
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
import { staffingReport } from './directory.service.js';
import {
  staffingCsv,
  staffingDocument,
  staffingFileName,
  staffingXlsx,
} from './staffing-report.js';

const staffingQuery = z.object({
  communityId: optionalParam,
  format: formatParam,
  lang: langParam,
});

export function staffingReportRouter(app: App): Router {
  const router = Router();

  router.get(
    '/staffing',
    downloadRoute(app, 'staffing report', async (ctx, req) => {
      const { communityId, format, lang } = parseQuery(staffingQuery, req.query);
      const report = await staffingReport(ctx, communityId ?? null);
      const document = staffingDocument(report, report.oneCommunity, lang);
      return {
        body: format === 'csv' ? staffingCsv(document, lang) : await staffingXlsx(document, lang),
        type: CONTENT_TYPES[format],
        fileName: `${staffingFileName(document, lang)}.${format}`,
        fallbackName: `staffing-report-${document.asOf}.${format}`,
      };
    }),
  );

  return router;
}
