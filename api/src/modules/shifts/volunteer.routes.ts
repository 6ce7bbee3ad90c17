// HTTP routes for volunteers, outside GraphQL because calendar apps and browsers fetch files:
//   GET /volunteer/calendar/<token>.ics              the private calendar feed (the token is the key)
//   GET /volunteer/service-record.xlsx|pdf[?volunteerId=<global id>]   with `Authorization: Bearer`
// The service record is the viewer's own; staff and social workers of the volunteer's community
// and the office may fetch someone else's (policy `volunteer.read`). Errors answer in the
// GraphQL error shape, as the other download routes do.
import { Router } from 'express';
import type { App } from '../../app.js';
import { badUserInput, INTERNAL_ERROR_MESSAGE } from '../../graphql/errors.js';
import { CONTENT_TYPES, downloadRoute } from '../../http/exports.js';
import { sendError } from '../../http/responses.js';
import { calendarFeed } from './calendar.js';
import { serviceRecordPdf, serviceRecordXlsx } from './service-record-files.js';
import { loadServiceRecord, serviceRecordFileName } from './service-record.js';

const RECORD_FORMATS = { xlsx: serviceRecordXlsx, pdf: serviceRecordPdf } as const;

export function volunteerRouter(app: App): Router {
  const router = Router();

  router.get('/calendar/:token.ics', async (req, res) => {
    try {
      const feed = await calendarFeed(app.orm.em.fork(), app.config, req.params.token);
      if (feed === null) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      res
        .status(200)
        .set({
          'Content-Type': 'text/calendar; charset=utf-8',
          'Content-Disposition': 'inline; filename="gongjian-shifts.ics"',
          'Cache-Control': 'private, max-age=300',
          'X-Content-Type-Options': 'nosniff',
        })
        .send(feed);
    } catch (error) {
      app.logger.error({ err: error }, 'calendar feed failed');
      res.status(500).type('text/plain').send(INTERNAL_ERROR_MESSAGE);
    }
  });

  const serviceRecord = downloadRoute(app, 'service record', async (ctx, req) => {
    const extension = req.params.format as keyof typeof RECORD_FORMATS;
    const { volunteerId } = req.query;
    if (volunteerId !== undefined && typeof volunteerId !== 'string') {
      throw badUserInput('Give one volunteerId.');
    }
    const record = await loadServiceRecord(ctx, volunteerId || null);
    return {
      body: await RECORD_FORMATS[extension](record),
      type: CONTENT_TYPES[extension],
      fileName: `${serviceRecordFileName(record)}.${extension}`,
      fallbackName: `service-record-${record.generatedOn}.${extension}`,
    };
  });

  router.get('/service-record.:format', async (req, res, next) => {
    if (!Object.hasOwn(RECORD_FORMATS, req.params.format)) {
      sendError(res, 404, 'NOT_FOUND', 'The service record comes as .xlsx or .pdf.');
      return;
    }
    await serviceRecord(req, res, next);
  });

  return router;
}
