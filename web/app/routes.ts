// The route table: one entry per user journey (the React Router 7 `routes.ts` format).
import type { UNSAFE_RouteConfigEntry as RouteConfigEntry } from '@remix-run/dev';

export default [
  { index: true, file: 'routes/home.tsx' },
  { path: 'login', file: 'routes/login.tsx' },
  { path: 'logout', file: 'routes/logout.tsx' },
  { path: 'language', file: 'routes/language.tsx' },
  { path: 'communities', file: 'routes/communities.tsx' },
  { path: 'shifts', file: 'routes/shifts.tsx' },
  { path: 'my/shifts', file: 'routes/my-shifts.tsx' },
  { id: 'service-record-pdf', path: 'my/service-record.pdf', file: 'routes/service-record.tsx' },
  { id: 'service-record-xlsx', path: 'my/service-record.xlsx', file: 'routes/service-record.tsx' },
  { path: 'check-in', file: 'routes/check-in.tsx' },
  { path: 'unit', file: 'routes/unit.tsx' },
  { path: 'unit/commitments/new', file: 'routes/unit-commitment-new.tsx' },
  { path: 'unit/commitments/:id', file: 'routes/unit-commitment.tsx' },
  { path: 'unit/evidence/:id', file: 'routes/unit-evidence.tsx' },
] satisfies RouteConfigEntry[];
