// The route table: one entry per user journey (the React Router 7 `routes.ts` format).
import type { UNSAFE_RouteConfigEntry as RouteConfigEntry } from '@remix-run/dev';

export default [
  // Signed out: the start page sends a signed-in user to their role's first page.
  { index: true, file: 'routes/home.tsx' },
  { path: 'login', file: 'routes/login.tsx' },
  { path: 'logout', file: 'routes/logout.tsx' },
  { path: 'language', file: 'routes/language.tsx' },
  { path: 'register', file: 'routes/register.tsx' },
  { path: 'invite/:token', file: 'routes/invite.tsx' },

  // Signed in: the sign-in check and the header live in this layout, once.
  {
    id: 'signed-in',
    file: 'routes/_signed-in.tsx',
    children: [
      // Volunteers
      { path: 'shifts', file: 'routes/shifts.tsx' },
      { path: 'my/shifts', file: 'routes/my-shifts.tsx' },
      { path: 'my/profile', file: 'routes/my-profile.tsx' },
      { path: 'check-in', file: 'routes/check-in.tsx' },
      // Unit liaisons
      { path: 'unit', file: 'routes/unit.tsx' },
      { path: 'unit/commitments/new', file: 'routes/unit-commitment-new.tsx' },
      { path: 'unit/commitments/:id', file: 'routes/unit-commitment.tsx' },
      { path: 'unit/commitments/:id/edit', file: 'routes/unit-commitment-edit.tsx' },
      // Social workers
      { path: 'social', file: 'routes/social.tsx' },
      { path: 'social/pairings/:id', file: 'routes/social-pairing.tsx' },
      // Whoever runs activities (staff, social workers, liaisons)
      { path: 'activities', file: 'routes/activities.tsx' },
      { path: 'activities/new', file: 'routes/activity-new.tsx' },
      { path: 'activities/:id', file: 'routes/activity.tsx' },
      { path: 'shifts/:id/manage', file: 'routes/shift-manage.tsx' },
      // Community staff and the office
      { path: 'staff', file: 'routes/staff.tsx' },
      { path: 'staff/figures', file: 'routes/staff-figures.tsx' },
      { path: 'staff/review', file: 'routes/staff-review.tsx' },
      { path: 'staff/matching', file: 'routes/staff-matching.tsx' },
      { path: 'staff/units', file: 'routes/staff-units.tsx' },
      { path: 'staff/units/standings', file: 'routes/staff-standings.tsx' },
      { path: 'staff/units/:id', file: 'routes/staff-unit.tsx' },
      { path: 'staff/reports', file: 'routes/staff-reports.tsx' },
      { path: 'communities', file: 'routes/communities.tsx' },
      // Everyone
      { path: 'notifications', file: 'routes/notifications.tsx' },
    ],
  },

  // Files (resource routes: each checks the session itself and streams the API's file).
  { id: 'service-record-pdf', path: 'my/service-record.pdf', file: 'routes/service-record.tsx' },
  { id: 'service-record-xlsx', path: 'my/service-record.xlsx', file: 'routes/service-record.tsx' },
  { path: 'unit/evidence/:id', file: 'routes/unit-evidence.tsx' },
  { path: 'staff/units/template.csv', file: 'routes/staff-units-template.tsx' },
  {
    id: 'report-co-building',
    path: 'staff/reports/co-building',
    file: 'routes/staff-report-download.tsx',
  },
  {
    id: 'report-staffing',
    path: 'staff/reports/staffing',
    file: 'routes/staff-report-download.tsx',
  },
] satisfies RouteConfigEntry[];
