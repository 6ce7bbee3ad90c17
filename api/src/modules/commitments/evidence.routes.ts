// HTTP routes for evidence files (upload and download). Implementation in progress.
import { Router } from 'express';
import type { App } from '../../app.js';

export function evidenceRouter(_app: App): Router {
  return Router();
}
