// HTTP routes for evidence files (佐证材料), mounted at /files:
//   POST /files/evidence      multipart/form-data with one file in the field `file` → 201 JSON
//                             (evidence-upload.ts: its limits and checks)
//   GET  /files/evidence/:id  the bytes: before it is attached, for its uploader; then for the
//                             office, the commitment's community staff and unit (policy
//                             'evidence.read') — sign-in sheets and photos show residents
//                             (evidence-download.ts)
// Both authenticate with `Authorization: Bearer <token>` exactly like /graphql, and answer errors
// as JSON in the GraphQL error shape: `{ errors: [{ message, extensions: { code } }] }`
// (evidence-problems.ts). Who may read a file is decided in commitments.policy.ts; its name is
// cleaned and encoded in evidence-names.ts.
import { Router } from 'express';
import type { App } from '../../app.js';
import { evidenceDownload } from './evidence-download.js';
import { evidenceUpload } from './evidence-upload.js';

export function evidenceRouter(app: App): Router {
  const router = Router();
  router.post('/evidence', evidenceUpload(app));
  router.get('/evidence/:id', evidenceDownload(app));
  // Errors go on to the server's handler (http/responses.ts `errorHandler`).
  return router;
}
