// The period and filters of `/insights`, its CSV and `GET /api/v1/insights`, from the query string.
import { type Filters, NO_SEVERITY } from './insights.ts';
import { type Period, periodOf } from './period.ts';

const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type InsightsQuery = { period: Period; filters: Filters };

export function parseInsightsQuery(
  query: Record<string, string | undefined>,
  now: Date,
  severities: readonly string[],
): InsightsQuery | { problem: string } {
  const period = periodOf(now, query.from || null, query.to || null);
  if ('problem' in period) return period;
  const severity = query.severity || null;
  if (severity && severity !== NO_SEVERITY && !severities.includes(severity))
    return { problem: `\`severity\` is one of ${[...severities, NO_SEVERITY].join(', ')}.` };
  const service = query.service || null;
  if (service && !SERVICE.test(service)) return { problem: '`service` is a service id such as api.' };
  return { period, filters: { severity, service } };
}

export function insightsQueryString(q: InsightsQuery): string {
  const params = new URLSearchParams({
    from: q.period.from.toISOString().slice(0, 10),
    to: new Date(q.period.to.getTime() - 1).toISOString().slice(0, 10),
  });
  if (q.filters.severity) params.set('severity', q.filters.severity);
  if (q.filters.service) params.set('service', q.filters.service);
  return `?${params}`;
}
