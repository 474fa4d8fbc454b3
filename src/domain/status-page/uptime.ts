// 90-day uptime bars from published component states (SPEC.md "Status page"): per UTC day,
// major_outage counts as down, partial_outage as 30% down, anything else as up; days before the
// component was first on a published page have no data. Time under maintenance (from its start to
// its completion) is never downtime, whatever an incident said meanwhile.
import { isUnderWay } from './maintenance.ts';
import type { PublishedIncident, PublishedMaintenance } from './published.ts';

export type UptimeDay = { date: string; uptime: number | null; worst: string | null };

const DAY_MS = 86_400_000;
const DOWN: Record<string, number> = { major_outage: 1, partial_outage: 0.3 };
// The bar's colour: the worst state of the day, maintenance below any outage.
const RANK: Record<string, number> = {
  under_maintenance: 0.5,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
};

type Step = { at: number; state: string };

// The state one public incident gave the component, as steps over time.
function stepsOf(incident: PublishedIncident, service: string): Step[] {
  return incident.updates
    .flatMap((u) =>
      u.components.filter((c) => c.service === service).map((c) => ({ at: u.createdAt.getTime(), state: c.to })),
    )
    .sort((a, b) => a.at - b.at);
}

function stateAt(steps: Step[], t: number): string {
  let state = 'operational';
  for (const s of steps) {
    if (s.at > t) break;
    state = s.state;
  }
  return state;
}

export function uptimeDays(options: {
  service: string;
  incidents: PublishedIncident[];
  maintenances?: PublishedMaintenance[];
  firstPublished: Date | null;
  now: Date;
  days: number;
}): UptimeDay[] {
  const { now, days } = options;
  const perIncident = options.incidents.map((i) => stepsOf(i, options.service)).filter((s) => s.length);
  const windows = maintenanceWindows(options.maintenances ?? [], options.service, now.getTime());
  const changes = [...new Set([...perIncident.flatMap((steps) => steps.map((s) => s.at)), ...windows.flat()])].sort(
    (a, b) => a - b,
  );
  const aggregate = (t: number) => {
    if (windows.some(([from, to]) => t >= from && t < to)) return 'under_maintenance';
    let worst = 'operational';
    for (const steps of perIncident) {
      const s = stateAt(steps, t);
      if ((RANK[s] ?? 0) > (RANK[worst] ?? 0)) worst = s;
    }
    return worst;
  };
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const first = options.firstPublished?.getTime() ?? null;
  const result: UptimeDay[] = [];
  for (let d = days - 1; d >= 0; d--) {
    const dayStart = today - d * DAY_MS;
    const date = new Date(dayStart).toISOString().slice(0, 10);
    const from = first === null ? null : Math.max(dayStart, first);
    const to = Math.min(dayStart + DAY_MS, now.getTime());
    if (from === null || from >= to) {
      result.push({ date, uptime: null, worst: null });
      continue;
    }
    const cuts = [from, ...changes.filter((t) => t > from && t < to), to];
    let down = 0;
    let worst = 'operational';
    for (let k = 0; k + 1 < cuts.length; k++) {
      const state = aggregate(cuts[k]!);
      down += (DOWN[state] ?? 0) * (cuts[k + 1]! - cuts[k]!);
      if ((RANK[state] ?? 0) > (RANK[worst] ?? 0)) worst = state;
    }
    result.push({ date, uptime: 1 - down / (to - from), worst });
  }
  return result;
}

// [from, to) of each maintenance of the service that started: to its completion, or now.
function maintenanceWindows(maintenances: PublishedMaintenance[], service: string, now: number): [number, number][] {
  return maintenances
    .filter((m) => m.services.includes(service) && m.startedAt && (m.completedAt || isUnderWay(m.status)))
    .map((m) => [m.startedAt!.getTime(), m.completedAt?.getTime() ?? now]);
}
