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
import { isUnderWay } from './maintenance.ts';
import type { Published, PublishedIncident, PublishedMaintenance } from './published.ts';
import { uptimeDays, type UptimeDay } from './uptime.ts';

export type {
  ComponentChangeRecord,
  PublishedIncident,
  PublishedMaintenance,
  PublishedUpdate,
} from './published.ts';

export type ComponentConfig = { service: string; name: string; group: string | null };
export type StatusPageInput = Omit<Published, 'components'> & {
  // When each component was first seen and first published.
  seen: Published['components'];
  title: string;
  // The page's root (status_page.url, else the bot's address): page.url in the JSON.
  url: string;
  components: ComponentConfig[];
  // Whether the page offers email subscriptions (SMTP is configured).
  emailSubscriptions?: boolean;
  now: Date;
  days?: number;
};

export type ComponentView = ComponentConfig & {
  position: number;
  state: ComponentState;
  // Statuspage always fills these: when first seen, and its last change (else when first seen).
  createdAt: Date;
  updatedAt: Date;
  uptime: UptimeDay[];
  uptimePercent: number | null;
};
export type GroupView = { name: string | null; components: ComponentView[] };
export type StatusPageModel = {
  id: string;
  title: string;
  url: string;
  // Never null: the last publication, else when the page was first configured.
  updatedAt: Date;
  indicator: Indicator;
  description: string;
  groups: GroupView[];
  components: ComponentView[];
  open: PublishedIncident[];
  past: PublishedIncident[];
  // Newest first by start; upcoming: scheduled; active: in progress or verifying.
  maintenances: PublishedMaintenance[];
  upcoming: PublishedMaintenance[];
  active: PublishedMaintenance[];
  emailSubscriptions: boolean;
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
  const maintenances = input.maintenances
    .filter((m) => m.status !== 'cancelled')
    .map((m) => ({ ...m, updates: [...m.updates].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()) }))
    .sort((a, b) => b.scheduledFor.getTime() - a.scheduledFor.getTime());
  const active = maintenances.filter((m) => isUnderWay(m.status));
  const upcoming = maintenances.filter((m) => m.status === 'scheduled').reverse();
  const updatedAt = latest([
    ...incidents.flatMap((i) => i.updates.map((u) => u.createdAt)),
    ...maintenances.flatMap((m) => m.updates.map((u) => u.createdAt)),
  ]);
  // Before any publication, the page dates from when it was configured.
  const configuredAt = input.site?.configuredAt ?? input.now;
  const components = input.components.map((c, position): ComponentView => {
    const states = [
      ...open.flatMap((i) => i.components.filter((s) => s.service === c.service).map((s) => s.state)),
      ...active.filter((m) => m.services.includes(c.service)).map(() => 'under_maintenance'),
    ];
    const known = input.seen.get(c.service);
    const uptime = uptimeDays({
      service: c.service,
      incidents,
      maintenances,
      firstPublished: known?.firstPublishedAt ?? null,
      now: input.now,
      days: input.days ?? 90,
    });
    const createdAt = known?.firstSeenAt ?? configuredAt;
    return {
      ...c,
      position: position + 1,
      state: worstState(states),
      createdAt,
      updatedAt: lastChange(incidents, maintenances, c.service) ?? createdAt,
      uptime,
      uptimePercent: overallUptime(uptime),
    };
  });
  let indicator: Indicator = 'none';
  for (const c of components) indicator = worseIndicator(indicator, INDICATOR_OF[c.state]);
  for (const i of open) indicator = worseIndicator(indicator, i.impact);
  return {
    id: input.site?.publicId ?? '',
    title: input.title,
    url: input.url,
    updatedAt: updatedAt ?? configuredAt,
    indicator,
    description: INDICATOR_DESCRIPTION[indicator],
    groups: groupsOf(components),
    components,
    open,
    past,
    maintenances,
    upcoming,
    active,
    emailSubscriptions: input.emailSubscriptions ?? false,
  };
}

const latest = (dates: Date[]): Date | null =>
  dates.reduce<Date | null>((a, b) => (a && a.getTime() >= b.getTime() ? a : b), null);

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

function lastChange(
  incidents: PublishedIncident[],
  maintenances: PublishedMaintenance[],
  service: string,
): Date | null {
  return latest([
    ...incidents.flatMap((i) =>
      i.updates.filter((u) => u.components.some((c) => c.service === service)).map((u) => u.createdAt),
    ),
    ...maintenances
      .filter((m) => m.services.includes(service))
      .flatMap((m) => [m.startedAt, m.completedAt].filter((d): d is Date => d !== null)),
  ]);
}

function overallUptime(days: UptimeDay[]): number | null {
  const known = days.filter((d) => d.uptime !== null);
  if (!known.length) return null;
  return known.reduce((sum, d) => sum + d.uptime!, 0) / known.length;
}

// The impact an incident's component states suggest: the worst they are now (maintenance is none).
export function impactOf(states: Iterable<string>): Indicator {
  let impact: Indicator = 'none';
  for (const s of states) if (isComponentState(s)) impact = worseIndicator(impact, INDICATOR_OF[s]);
  return impact === 'maintenance' ? 'none' : impact;
}
