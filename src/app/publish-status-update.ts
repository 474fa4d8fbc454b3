import type { ComponentChange, Impact } from '../domain/commands/statuspage-command.ts';
import { AppError } from '../domain/errors.ts';
import { incidentRef } from '../domain/incident.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import { impactOf } from '../domain/status-page/model.ts';
import { markComponentsPublished, newPublicId } from '../store/status-page.ts';
import { publicText } from '../domain/status-page/public-text.ts';
import { defaultPublicStatus, type Indicator, type PublicStatus } from '../domain/status-page/states.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom, updateHeader } from './effects.ts';
import { notifySubscribers } from './notify-subscribers.ts';
import { rolesHeldBy } from './incident-in-channel.ts';
import type { IncidentAction } from './use-case.ts';
import type { Config } from '../config/index.ts';

export const visibleComponents = (config: Config) => config.file.services.filter((s) => s.status_page).map((s) => s.id);

export type PublishStatusOptions = IncidentAction & {
  title: string | null;
  status: PublicStatus | null;
  components: ComponentChange[];
  impact: Impact | null;
  message: string;
};

// `/incident statuspage`: one update on the public status page, recorded on the incident's
// timeline. The first publication creates the public incident (with its own public title).
export async function publishStatusUpdate(options: PublishStatusOptions) {
  const { tx, clock, config, incident, actorId, actorEmail, occurredAt, timeGiven } = options;
  if (!config.file.status_page)
    throw new AppError(
      'NOT_CONFIGURED',
      'There is no status page: add `status_page: { title: "Acme Status" }` to the configuration file.',
    );
  const ref = incidentRef(incident.number);
  if (incident.isDrill) throw new AppError('FORBIDDEN', `${ref} is a drill: drills are never published.`);
  const allowed = config.file.policy.publish_status;
  if (!isAllowed(allowed, { id: actorId, email: actorEmail }, rolesHeldBy(incident, actorId)))
    throw new AppError('FORBIDDEN', `Only ${describePrincipals(allowed)} may publish on the status page.`);

  const existing = await tx.publicIncident.findUnique({
    where: { incidentId: incident.id },
    include: { components: true },
  });
  if (!existing && !options.title)
    throw new AppError(
      'BAD_INPUT',
      'The first publication needs a public title: `/incident statuspage --title "Elevated API errors" …`. The incident’s own title is never shown.',
    );
  const body = publicText(options.message);
  if (!body) throw new AppError('BAD_INPUT', 'Nothing would be left to publish once mentions are taken out.');

  const now = clock.now();
  const status = options.status ?? defaultPublicStatus(incident.status);
  const current = new Map((existing?.components ?? []).map((c) => [c.service, c.state]));
  const changes = options.components.map((c) => ({
    service: c.service,
    from: current.get(c.service) ?? 'operational',
    to: c.state,
  }));
  // Resolving hands back the components this public incident set, unless the update names them.
  if (status === 'resolved') {
    for (const [service, state] of current) {
      if (state !== 'operational' && !changes.some((c) => c.service === service))
        changes.push({ service, from: state, to: 'operational' });
    }
  }
  const id = existing?.id ?? newPublicId();
  const after = new Map(current);
  for (const change of changes) after.set(change.service, change.to);
  const impactOverride = options.impact ?? existing?.impactOverride ?? null;
  // Set by hand, it stays; else it follows the components this incident holds, down as they
  // recover. Resolving keeps the impact it had, so the history still says how bad it was.
  const impact: Indicator =
    (impactOverride as Indicator | null) ??
    (status === 'resolved' && existing ? (existing.impact as Indicator) : impactOf(after.values()));
  const fields = {
    title: options.title ?? existing!.title,
    status,
    impact,
    impactOverride,
    updatedAt: now,
    monitoringAt: status === 'monitoring' ? (existing?.monitoringAt ?? now) : (existing?.monitoringAt ?? null),
    // An update after resolved that is not itself resolved reopens the same public incident.
    resolvedAt: status === 'resolved' ? now : null,
  };
  if (existing) await tx.publicIncident.update({ where: { id }, data: fields });
  else await tx.publicIncident.create({ data: { id, incidentId: incident.id, createdAt: now, ...fields } });
  for (const change of changes) {
    await tx.publicComponentState.upsert({
      where: { publicIncidentId_service: { publicIncidentId: id, service: change.service } },
      create: { publicIncidentId: id, service: change.service, state: change.to, updatedAt: now },
      update: { state: change.to, updatedAt: now },
    });
  }
  const updateId = newPublicId();
  await tx.publicUpdate.create({
    data: {
      id: updateId,
      publicIncidentId: id,
      status,
      body,
      components: changes as Prisma.InputJsonValue,
      actorId,
      createdAt: now,
      displayAt: timeGiven ? occurredAt : now,
    },
  });
  await markComponentsPublished(tx, visibleComponents(config), now);
  const renamed = !!existing && !!options.title && options.title !== existing.title;
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'status_page',
    text: body,
    actorId,
    occurredAt: timeGiven ? occurredAt : now,
    recordedAt: now,
    data: { status, title: fields.title, components: changes, first: !existing, renamed },
  });
  await enqueue(tx, now, [
    notifySubscribers({ kind: 'incident', publicId: id, updateId }),
    // The header links to the public incident from the first publication on.
    ...(existing ? [] : [updateHeader(incident.id)]),
    postInRoom(incident, {
      type: 'status_published',
      actorId,
      status,
      title: fields.title,
      body,
      components: changes,
      first: !existing,
      renamed,
      url: config.file.status_page.url ?? null,
      publicId: id,
    }),
  ]);
  return { publicId: id, status, changes };
}
