// HTTP route for the annual co-building report (xlsx / CSV). Implementation in progress.
import { Router } from 'express';
import type { App } from '../../app.js';

export function reportRouter(_app: App): Router {
  return Router();
}
