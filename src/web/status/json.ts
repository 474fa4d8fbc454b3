// Statuspage v2-compatible JSON (SPEC.md "Status page"), so existing widgets and pollers work.
import { worstState } from '../../domain/status-page/states.ts';
import type { ComponentView, PublishedIncident, StatusPageModel } from '../../domain/status-page/model.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
// Statuspage ids are opaque strings; a component's is derived from the service id, a group's
// from its name, so they stay the same from one render (and replica) to the next.
const componentId = (service: string) => `c-${service}`;
const groupId = (name: string) => `g-${Buffer.from(name).toString('base64url')}`;

export function pageJson(model: StatusPageModel) {
  return { id: 'status', name: model.title, url: model.url, time_zone: 'Etc/UTC', updated_at: iso(model.updatedAt) };
}

export function statusJson(model: StatusPageModel) {
  return { page: pageJson(model), status: { indicator: model.indicator, description: model.description } };
}

function component(c: ComponentView) {
  // The first day of its uptime bars with data: when it first appeared on the page (day precision).
  const firstDay = c.uptime.find((d) => d.uptime !== null)?.date;
  return {
    id: componentId(c.service),
    name: c.name,
    status: c.state,
    created_at: firstDay ? `${firstDay}T00:00:00.000Z` : null,
    updated_at: iso(c.updatedAt),
    position: c.position,
    description: null,
    showcase: true,
    start_date: null,
    group_id: c.group ? groupId(c.group) : null,
    page_id: 'status',
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
        created_at: null,
        updated_at: null,
        position: ++position,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: 'status',
        group: true,
        only_show_if_degraded: false,
        components: g.components.map((c) => componentId(c.service)),
      });
    }
    for (const c of g.components) list.push({ ...component(c), position: ++position });
  }
  return list;
}

function incident(i: PublishedIncident, model: StatusPageModel) {
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
    page_id: 'status',
    components: model.components.filter((c) => affected.includes(c.service)).map(component),
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      incident_id: i.id,
      status: u.status,
      body: u.body,
      created_at: iso(u.createdAt),
      updated_at: iso(u.createdAt),
      display_at: iso(u.displayAt),
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

export const shortlink = (model: StatusPageModel, id: string) => `${model.url}/incidents/${id}`;

export function summaryJson(model: StatusPageModel) {
  return {
    ...statusJson(model),
    components: componentsJson(model),
    incidents: model.open.map((i) => incident(i, model)),
    scheduled_maintenances: [],
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
export const maintenancesJson = (model: StatusPageModel) => ({ page: pageJson(model), scheduled_maintenances: [] });
export const componentsResponse = (model: StatusPageModel) => ({
  page: pageJson(model),
  components: componentsJson(model),
});
