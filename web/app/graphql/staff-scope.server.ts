// The scope a staff section page shows, from its query string as on /staff: a year (this one or
// the four before) and, for the office only, a community (?community=); staff always see their own
// community (the API's default).
import { getRole } from '../auth/session.server';
import { YEARS_SHOWN } from '../components/dashboard/years';
import { shanghaiDay } from '../i18n/format';

export interface StaffScope {
  communityId: string | null;
  year: number;
  currentYear: number;
}

export async function staffScope(request: Request): Promise<StaffScope> {
  const role = await getRole(request);
  const url = new URL(request.url);
  const currentYear = Number(shanghaiDay(new Date()).slice(0, 4));
  const asked = Number(url.searchParams.get('year'));
  const year =
    Number.isInteger(asked) && asked <= currentYear && asked > currentYear - YEARS_SHOWN
      ? asked
      : currentYear;
  const communityId =
    role === 'STREET_ADMIN' ? url.searchParams.get('community')?.trim() || null : null;
  return { communityId, year, currentYear };
}

/** The query string of a scope, for links between the staff pages ('' for the defaults). */
export function scopeSearch(scope: {
  communityId: string | null;
  year: number;
  currentYear: number;
}) {
  const params = new URLSearchParams();
  if (scope.communityId) params.set('community', scope.communityId);
  if (scope.year !== scope.currentYear) params.set('year', String(scope.year));
  const query = params.toString();
  return query ? `?${query}` : '';
}
