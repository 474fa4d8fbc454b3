// The /changes page's filters (SPEC.md "Changes"): services (comma-separated), environment, from
// and to (a day, or an instant as the room's link gives it). Bad values are ignored, not refused.
export type ChangeFilters = {
  services: string[];
  environment: string | null;
  from: Date | null;
  to: Date | null;
  page: number;
};

export const CHANGES_PAGE_SIZE = 50;
const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

function instant(value: string | undefined, endOfDay: boolean): Date | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(day.getTime()) ? null : new Date(day.getTime() + (endOfDay ? 86_400_000 : 0));
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function parseChangeFilters(query: Record<string, string | undefined>): ChangeFilters {
  const services = (query.service ?? '')
    .toLowerCase()
    .split(',')
    .map((s) => s.trim())
    .filter((s) => NAME.test(s))
    .slice(0, 50);
  const environment = query.environment?.trim().toLowerCase() ?? '';
  const page = Number(query.page);
  return {
    services: [...new Set(services)],
    environment: NAME.test(environment) ? environment : null,
    from: instant(query.from, false),
    to: instant(query.to, true),
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

export function changeFiltersQuery(f: ChangeFilters, page: number): string {
  const params = new URLSearchParams();
  if (f.services.length) params.set('service', f.services.join(','));
  if (f.environment) params.set('environment', f.environment);
  if (f.from) params.set('from', f.from.toISOString());
  if (f.to) params.set('to', f.to.toISOString());
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
