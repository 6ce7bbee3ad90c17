// Per request: an EntityManager fork, the viewer, and fresh DataLoaders. Nothing else.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { App } from './app.js';
import { createAuthLoaders } from './modules/auth/auth.loaders.js';
import { viewerFromToken } from './modules/auth/auth.service.js';
import type { Viewer } from './modules/auth/policy.js';
import { createCommitmentLoaders } from './modules/commitments/commitments.loaders.js';
import { createDirectoryLoaders } from './modules/directory/directory.loaders.js';
import { createShiftLoaders } from './modules/shifts/shifts.loaders.js';
import { createPairingLoaders } from './modules/pairing/pairing.loaders.js';

export function createLoaders(em: EntityManager) {
  return {
    auth: createAuthLoaders(em),
    directory: createDirectoryLoaders(em),
    commitments: createCommitmentLoaders(em),
    shifts: createShiftLoaders(em),
    pairing: createPairingLoaders(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface RequestInfo {
  ip: string;
  userAgent: string | null;
}

export interface Context {
  app: App;
  em: EntityManager;
  viewer: Viewer;
  loaders: Loaders;
  request: RequestInfo;
}

export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

export async function createContext(
  app: App,
  request: RequestInfo & { authorization?: string },
): Promise<Context> {
  const em = app.orm.em.fork() as EntityManager;
  const viewer = await viewerFromToken(em, bearerToken(request.authorization));
  return {
    app,
    em,
    viewer,
    loaders: createLoaders(em),
    request: { ip: request.ip, userAgent: request.userAgent },
  };
}
