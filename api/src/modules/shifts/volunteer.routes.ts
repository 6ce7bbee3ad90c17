// HTTP routes for volunteers: the private calendar feed and the service record. In progress.
import { Router } from 'express';
import type { App } from '../../app.js';

export function volunteerRouter(_app: App): Router {
  return Router();
}
