// The incident list's filters, from the query string (SPEC.md "Web view"): bad values are ignored
// rather than refused, so a hand-edited URL still shows a page.
export type WebFilters = {
  status: string | null;
  severity: string | null;
  service: string | null;
  q: string | null;
  drills: 'exclude' | 'include' | 'only';
  from: Date | null;
  to: Date | null;
  page: number;
};

export const PAGE_SIZE = 25;
const STATUSES = ['open', 'investigating', 'identified', 'monitoring', 'resolved', 'cancelled'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, endOfDay: boolean): Date | null {
  if (!value || !DAY.test(value)) return null;
  const at = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return null;
  return endOfDay ? new Date(at.getTime() + 86_400_000) : at;
}

const text = (value: string | undefined, max: number) => {
  const t = value?.trim();
  return t ? t.slice(0, max) : null;
};

export function parseWebFilters(query: Record<string, string | undefined>): WebFilters {
  const status = query.status?.toLowerCase();
  const page = Number(query.page);
  return {
    status: status && STATUSES.includes(status) ? status : null,
    severity: text(query.severity, 20),
    service: text(query.service?.toLowerCase(), 40),
    q: text(query.q, 150),
    drills: query.drills === 'include' || query.drills === 'only' ? query.drills : 'exclude',
    from: day(query.from, false),
    // `to` is inclusive: the whole of that UTC day.
    to: day(query.to, true),
    page: Number.isInteger(page) && page > 0 && page < 10_000 ? page : 1,
  };
}

// The query string for these filters on another page (links keep the filters).
export function filtersQuery(filters: WebFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.severity) params.set('severity', filters.severity);
  if (filters.service) params.set('service', filters.service);
  if (filters.q) params.set('q', filters.q);
  if (filters.drills !== 'exclude') params.set('drills', filters.drills);
  if (filters.from) params.set('from', filters.from.toISOString().slice(0, 10));
  if (filters.to) params.set('to', new Date(filters.to.getTime() - 86_400_000).toISOString().slice(0, 10));
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
