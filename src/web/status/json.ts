// Statuspage v2-compatible JSON (SPEC.md "Status page"), so existing widgets and pollers work.
import { worstState } from '../../domain/status-page/states.ts';
import type {
  ComponentView,
  PublishedIncident,
  PublishedMaintenance,
  StatusPageModel,
} from '../../domain/status-page/model.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const earliest = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())));
const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())));
// Statuspage ids are opaque strings; a component's is derived from the service id, a group's
// from its name, so they stay the same from one render (and replica) to the next.
const componentId = (service: string) => `c-${service}`;
const groupId = (name: string) => `g-${Buffer.from(name).toString('base64url')}`;

export function pageJson(model: StatusPageModel) {
  return { id: model.id, name: model.title, url: model.url, time_zone: 'Etc/UTC', updated_at: iso(model.updatedAt) };
}

export function statusJson(model: StatusPageModel) {
  return { page: pageJson(model), status: { indicator: model.indicator, description: model.description } };
}

export function component(c: ComponentView, model: StatusPageModel) {
  return {
    id: componentId(c.service),
    name: c.name,
    status: c.state,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: null,
    showcase: true,
    start_date: null,
    group_id: c.group ? groupId(c.group) : null,
    page_id: model.id,
    group: false,
    only_show_if_degraded: false,
  };
}

export function componentsJson(model: StatusPageModel) {
  const list: Record<string, unknown>[] = [];
  let position = 0;
  for (const g of model.groups) {
    if (g.name) {
      list.push({
        id: groupId(g.name),
        name: g.name,
        // The worst of its components, as Statuspage shows a group (not the last one that is not operational).
        status: worstState(g.components.map((c) => c.state)),
        created_at: iso(earliest(g.components.map((c) => c.createdAt))),
        updated_at: iso(latest(g.components.map((c) => c.updatedAt))),
        position: ++position,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: model.id,
        group: true,
        only_show_if_degraded: false,
        components: g.components.map((c) => componentId(c.service)),
      });
    }
    for (const c of g.components) list.push({ ...component(c, model), position: ++position });
  }
  return list;
}

export function incident(i: PublishedIncident, model: StatusPageModel) {
  const names = new Map(model.components.map((c) => [c.service, c.name]));
  const affected = [...new Set(i.updates.flatMap((u) => u.components.map((c) => c.service)))].filter((s) =>
    names.has(s),
  );
  return {
    id: i.id,
    name: i.title,
    status: i.status,
    impact: i.impact,
    shortlink: shortlink(model, i.id),
    created_at: iso(i.createdAt),
    updated_at: iso(i.updatedAt),
    started_at: iso(i.createdAt),
    monitoring_at: iso(i.monitoringAt),
    resolved_at: iso(i.resolvedAt),
    page_id: model.id,
    components: model.components.filter((c) => affected.includes(c.service)).map((c) => component(c, model)),
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      incident_id: i.id,
      status: u.status,
      body: u.body,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.displayAt),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
      affected_components: u.components
        .filter((c) => names.has(c.service))
        .map((c) => ({
          code: componentId(c.service),
          name: names.get(c.service),
          old_status: c.from,
          new_status: c.to,
        })),
    })),
  };
}

export const shortlink = (model: StatusPageModel, id: string) => `${model.url}/status/incidents/${id}`;

// A scheduled maintenance as Statuspage shapes one: an incident with scheduled_for/until.
function maintenance(m: PublishedMaintenance, model: StatusPageModel) {
  return {
    id: m.id,
    name: m.title,
    status: m.status,
    impact: 'maintenance',
    shortlink: shortlink(model, m.id),
    created_at: iso(m.createdAt),
    updated_at: iso(m.updatedAt),
    started_at: iso(m.startedAt ?? m.scheduledFor),
    monitoring_at: null,
    resolved_at: iso(m.completedAt),
    scheduled_for: iso(m.scheduledFor),
    scheduled_until: iso(m.scheduledUntil),
    page_id: model.id,
    components: model.components.filter((c) => m.services.includes(c.service)).map((c) => component(c, model)),
    incident_updates: m.updates.map((u) => ({
      id: u.id,
      incident_id: m.id,
      status: u.status,
      body: u.body,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.createdAt),
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
      affected_components: null,
    })),
  };
}

export function summaryJson(model: StatusPageModel) {
  return {
    ...statusJson(model),
    components: componentsJson(model),
    incidents: model.open.map((i) => incident(i, model)),
    // Statuspage's summary lists upcoming and in-progress maintenance.
    scheduled_maintenances: [...model.active, ...model.upcoming].map((m) => maintenance(m, model)),
  };
}

export const incidentsJson = (model: StatusPageModel) => ({
  page: pageJson(model),
  incidents: [...model.open, ...model.past].map((i) => incident(i, model)),
});
export const unresolvedJson = (model: StatusPageModel) => ({
  page: pageJson(model),
  incidents: model.open.map((i) => incident(i, model)),
});
const maintenances = (pick: (model: StatusPageModel) => PublishedMaintenance[]) => (model: StatusPageModel) => ({
  page: pageJson(model),
  scheduled_maintenances: pick(model).map((m) => maintenance(m, model)),
});
// The 50 most recent (all statuses but cancelled), the upcoming, the active (in progress, verifying).
export const maintenancesJson = maintenances((model) => model.maintenances.slice(0, 50));
export const upcomingJson = maintenances((model) => model.upcoming);
export const activeJson = maintenances((model) => model.active);
export const componentsResponse = (model: StatusPageModel) => ({
  page: pageJson(model),
  components: componentsJson(model),
});
