// What subscribers are told of a publication (SPEC.md "Subscribers"): an email's subject and text,
// and the Statuspage-shaped JSON a webhook receives. Public content only: what the page shows.
import type { NoticeContent } from '../../app/notify-subscribers.ts';
import type { MaintenanceNotice } from '../../domain/events.ts';
import type { StatusPageModel } from '../../domain/status-page/model.ts';
import { STATE_LABEL, STATUS_LABEL, type ComponentState } from '../../domain/status-page/states.ts';
import { utcLabel } from './html.ts';
import { component, incident, shortlink } from './json.ts';

const meta = (model: StatusPageModel, now: Date) => ({
  // Webhook subscriptions are removed from Slack (`/incident subscribers remove`): the page says so.
  unsubscribe: `${model.url}/status`,
  documentation: `${model.url}/status`,
  generated_at: now.toISOString(),
});
const page = (model: StatusPageModel) => ({
  id: model.id,
  status_indicator: model.indicator,
  status_description: model.description,
});

// One update of a public incident: the update's words, and for webhooks the incident as it stands
// then, followed by one `component_update` for each component the update changed.
export function incidentNotice(
  model: StatusPageModel,
  publicId: string,
  updateId: string,
  now: Date,
): NoticeContent | null {
  const found = [...model.open, ...model.past].find((i) => i.id === publicId);
  const update = found?.updates.find((u) => u.id === updateId);
  if (!found || !update) return null;
  const names = new Map(model.components.map((c) => [c.service, c]));
  const changes = update.components.filter((c) => names.has(c.service));
  const affected = [...new Set(found.updates.flatMap((u) => u.components.map((c) => c.service)))].filter((s) =>
    names.has(s),
  );
  const lines = [
    `${STATUS_LABEL[update.status]} - ${update.body}`,
    '',
    ...changes.map((c) => `${names.get(c.service)!.name}: ${STATE_LABEL[c.to as ComponentState] ?? c.to}`),
    ...(changes.length ? [''] : []),
    utcLabel(update.displayAt),
    shortlink(model, found.id),
  ];
  return {
    subject: `[${model.title}] ${found.title}`,
    text: lines.join('\n'),
    components: affected,
    webhooks: [
      // The incident as it stood when this update was published: a later one is its own notice.
      {
        meta: meta(model, now),
        page: page(model),
        incident: incident({ ...found, updates: found.updates.filter((u) => u.createdAt <= update.createdAt) }, model),
      },
      ...changes.map((c) => ({
        meta: meta(model, now),
        page: page(model),
        component_update: {
          id: `${update.id}-${c.service}`,
          component_id: `c-${c.service}`,
          created_at: update.createdAt.toISOString(),
          old_status: c.from,
          new_status: c.to,
        },
        component: component(names.get(c.service)!, model),
      })),
    ],
  };
}

const STEP_SUBJECT: Record<MaintenanceNotice['step'], string> = {
  scheduled: 'Scheduled maintenance',
  reminder: 'Maintenance starting in an hour',
  started: 'Maintenance in progress',
  updated: 'Maintenance update',
  completed: 'Maintenance completed',
  cancelled: 'Maintenance cancelled',
};

// One step of a scheduled maintenance; a webhook gets it shaped as Statuspage shapes maintenance.
export function maintenanceNotice(model: StatusPageModel, notice: MaintenanceNotice, now: Date): NoticeContent {
  const from = new Date(notice.scheduledFor);
  const until = new Date(notice.scheduledUntil);
  const names = notice.services.map((s) => model.components.find((c) => c.service === s)?.name).filter(Boolean);
  const text = [
    `${STEP_SUBJECT[notice.step]}: ${notice.title}`,
    ...(notice.body ? ['', notice.body] : []),
    '',
    `Scheduled for ${utcLabel(from)} to ${utcLabel(until)}`,
    ...(names.length ? [`Affected: ${names.join(', ')}`] : []),
    `${model.url}/status`,
  ].join('\n');
  return {
    subject: `[${model.title}] ${STEP_SUBJECT[notice.step]}: ${notice.title}`,
    text,
    components: notice.services,
    webhooks: [
      {
        meta: meta(model, now),
        page: page(model),
        incident: {
          id: notice.publicId,
          name: notice.title,
          status: notice.status,
          impact: 'maintenance',
          shortlink: `${model.url}/status`,
          scheduled_for: from.toISOString(),
          scheduled_until: until.toISOString(),
          updated_at: now.toISOString(),
          page_id: model.id,
          components: model.components
            .filter((c) => notice.services.includes(c.service))
            .map((c) => component(c, model)),
          incident_updates: notice.body
            ? [
                {
                  status: notice.status,
                  body: notice.body,
                  created_at: now.toISOString(),
                  display_at: now.toISOString(),
                },
              ]
            : [],
        },
      },
    ],
  };
}

// The double opt-in mail: nothing else goes to an address until its link's page is confirmed.
export function confirmationMail(pageTitle: string, confirmUrl: string): { subject: string; text: string } {
  return {
    subject: `[${pageTitle}] Confirm your subscription`,
    text: [
      `Someone (we hope you) asked to be told of incidents and maintenance on ${pageTitle}.`,
      '',
      `To confirm, open this link and press the button: ${confirmUrl}`,
      '',
      'If it was not you, ignore this mail: nothing more will be sent.',
    ].join('\n'),
  };
}
