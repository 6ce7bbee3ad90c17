// The route table: one entry per user journey (the React Router 7 `routes.ts` format).
import type { UNSAFE_RouteConfigEntry as RouteConfigEntry } from '@remix-run/dev';

export default [
  { index: true, file: 'routes/home.tsx' },
  { path: 'login', file: 'routes/login.tsx' },
  { path: 'logout', file: 'routes/logout.tsx' },
  { path: 'language', file: 'routes/language.tsx' },
  { path: 'communities', file: 'routes/communities.tsx' },
] satisfies RouteConfigEntry[];
