// HTTP route for the annual co-building report:
//   GET /reports/co-building?communityId=<global id>&year=2026&format=xlsx|csv[&categoryId=][&lang=zh-CN|en]
// with `Authorization: Bearer <token>`. Who may read it is decided inside `unitStandings`
// (policy `standings.read`); errors answer in the GraphQL error shape.
import { Router, type Response } from 'express';
import { z } from 'zod';
import type { App } from '../../app.js';
import { createContext } from '../../context.js';
import { badUserInput, INTERNAL_ERROR_MESSAGE } from '../../graphql/errors.js';
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

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
};

/** RFC 5987 `filename*`: percent-encoded UTF-8, with the characters it reserves encoded too. */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  if (status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

export function reportRouter(app: App): Router {
  const router = Router();

  router.get('/co-building', async (req, res) => {
    try {
      const ctx = await createContext(app, {
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        userAgent: req.get('user-agent') ?? null,
        authorization: req.get('authorization'),
      });
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
      const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
      const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
      if (status && typeof code === 'string') {
        sendError(res, status, code, (error as Error).message);
        return;
      }
      app.logger.error({ err: error, url: req.originalUrl }, 'co-building report failed');
      sendError(res, 500, 'INTERNAL_SERVER_ERROR', INTERNAL_ERROR_MESSAGE);
    }
  });

  return router;
}
