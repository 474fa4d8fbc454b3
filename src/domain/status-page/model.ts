// The public status page as customers see it, built only from what was published (SPEC.md
// "Status page"): nothing internal reaches this module, so nothing internal can leak from it.
import {
  type ComponentState,
  INDICATOR_DESCRIPTION,
  INDICATOR_OF,
  type Indicator,
  isComponentState,
  worseIndicator,
  worstState,
} from './states.ts';
import type { PublishedIncident } from './published.ts';
import { uptimeDays, type UptimeDay } from './uptime.ts';

export type { ComponentChangeRecord, PublishedIncident, PublishedUpdate } from './published.ts';

export type ComponentConfig = { service: string; name: string; group: string | null };
export type StatusPageInput = {
  title: string;
  url: string;
  components: ComponentConfig[];
  incidents: PublishedIncident[];
  firstPublished: Map<string, Date>;
  now: Date;
  days?: number;
};

export type ComponentView = ComponentConfig & {
  position: number;
  state: ComponentState;
  updatedAt: Date | null;
  uptime: UptimeDay[];
  uptimePercent: number | null;
};
export type GroupView = { name: string | null; components: ComponentView[] };
export type StatusPageModel = {
  title: string;
  url: string;
  updatedAt: Date | null;
  indicator: Indicator;
  description: string;
  groups: GroupView[];
  components: ComponentView[];
  open: PublishedIncident[];
  past: PublishedIncident[];
};

const PAST_LIMIT = 50;

export function buildStatusPage(input: StatusPageInput): StatusPageModel {
  const incidents = input.incidents.map((i) => ({
    ...i,
    updates: [...i.updates].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
  }));
  const open = incidents.filter((i) => !i.resolvedAt).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const past = incidents
    .filter((i) => i.resolvedAt)
    .sort((a, b) => b.resolvedAt!.getTime() - a.resolvedAt!.getTime())
    .slice(0, PAST_LIMIT);
  const components = input.components.map((c, position): ComponentView => {
    const states = open.flatMap((i) => i.components.filter((s) => s.service === c.service).map((s) => s.state));
    const uptime = uptimeDays({
      service: c.service,
      incidents,
      firstPublished: input.firstPublished.get(c.service) ?? null,
      now: input.now,
      days: input.days ?? 90,
    });
    return {
      ...c,
      position: position + 1,
      state: worstState(states),
      updatedAt: lastChange(incidents, c.service),
      uptime,
      uptimePercent: overallUptime(uptime),
    };
  });
  let indicator: Indicator = 'none';
  for (const c of components) indicator = worseIndicator(indicator, INDICATOR_OF[c.state]);
  for (const i of open) indicator = worseIndicator(indicator, i.impact);
  const updatedAt = incidents
    .flatMap((i) => i.updates.map((u) => u.createdAt))
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return {
    title: input.title,
    url: input.url,
    updatedAt: updatedAt ?? null,
    indicator,
    description: INDICATOR_DESCRIPTION[indicator],
    groups: groupsOf(components),
    components,
    open,
    past,
  };
}

// Groups in the order their first component is configured; ungrouped components stand alone.
function groupsOf(components: ComponentView[]): GroupView[] {
  const groups: GroupView[] = [];
  for (const c of components) {
    const existing = c.group ? groups.find((g) => g.name === c.group) : undefined;
    if (existing) existing.components.push(c);
    else groups.push({ name: c.group, components: [c] });
  }
  return groups;
}

function lastChange(incidents: PublishedIncident[], service: string): Date | null {
  let last: Date | null = null;
  for (const i of incidents)
    for (const u of i.updates)
      if (u.components.some((c) => c.service === service) && (!last || u.createdAt > last)) last = u.createdAt;
  return last;
}

function overallUptime(days: UptimeDay[]): number | null {
  const known = days.filter((d) => d.uptime !== null);
  if (!known.length) return null;
  return known.reduce((sum, d) => sum + d.uptime!, 0) / known.length;
}

// The impact an incident's component states suggest: the worst it has set.
export function impactOf(states: Iterable<string>, previous: Indicator = 'none'): Indicator {
  let impact = previous;
  for (const s of states) if (isComponentState(s)) impact = worseIndicator(impact, INDICATOR_OF[s]);
  return impact === 'maintenance' ? 'none' : impact;
}
