import type { BotContext } from '../context.ts';
import { isOpenStatus } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { currentMilestone, setMilestone } from '../store/milestones.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { declareIncident } from './declare-incident.ts';
import { postInRoom, updateHeader } from './effects.ts';
import { askSeverityNow } from './prompt-schedule.ts';
import { cutText } from '../domain/text.ts';

type Tx = Prisma.TransactionClient;

export type PagerDutyEvent = {
  id: string;
  eventType: string;
  occurredAt: Date;
  agent: string | null;
  incident: {
    id: string;
    title: string;
    status: string;
    urgency: string;
    incidentKey: string | null;
    serviceId: string;
    url: string;
  };
};

export type EventOutcome = 'duplicate' | 'ignored' | 'recorded' | 'declared' | 'signal';

// A PagerDuty V3 webhook event, recorded in one transaction with the event id that makes a
// redelivery a no-op. Our own pages and resolves come back as events too: they are recognised by
// the page rows and never start a loop.
export async function handlePagerDutyEvent(ctx: BotContext, tx: Tx, event: PagerDutyEvent): Promise<EventOutcome> {
  const fresh = await tx.processedEvent.createMany({
    data: [{ eventId: `pagerduty:${event.id}`, source: 'pagerduty' }],
    skipDuplicates: true,
  });
  if (!fresh.count) return 'duplicate';
  const now = ctx.clock.now();
  const pd = event.incident;
  const page = await tx.page.findFirst({
    where: { OR: [{ pdIncidentId: pd.id }, ...(pd.incidentKey ? [{ incidentKey: pd.incidentKey }] : [])] },
    include: { incident: true },
  });
  const note = (incidentId: string, text: string) =>
    insertTimelineEntry(tx, {
      incidentId,
      kind: 'pagerduty',
      text,
      actorId: null,
      occurredAt: event.occurredAt,
      recordedAt: now,
      source: 'pagerduty',
      data: { eventId: event.id, pdIncidentId: pd.id, type: event.eventType },
    });

  switch (event.eventType) {
    case 'incident.triggered': {
      if (page) return 'ignored';
      const service = ctx.config.file.services.find((s) => s.pagerduty?.service_id === pd.serviceId);
      if (!service) return 'ignored';
      // A new alert on a service an open incident already covers is a reason to re-check severity.
      const open = await tx.incident.findFirst({
        where: { status: { notIn: ['resolved', 'cancelled'] }, isDrill: false, services: { has: service.id } },
        orderBy: { declaredAt: 'desc' },
      });
      if (open) {
        await note(open.id, `PagerDuty: new incident on ${service.id}: ${pd.title} (${pd.url})`);
        await askSeverityNow(tx, open, 'new_alerts', now);
        return 'signal';
      }
      if (pd.urgency !== 'high' || !ctx.config.file.pagerduty.auto_declare) return 'ignored';
      const incident = await declareIncident(tx, ctx.clock, ctx.config, {
        title: cutText(pd.title, 150),
        severity: ctx.config.file.pagerduty.severity ?? null,
        services: [service.id],
        isPrivate: false,
        isDrill: false,
        declaredBy: ctx.botUserId,
        commander: null,
        summary: `Opened from PagerDuty: ${pd.url}`,
        // Linked to the PagerDuty incident that opened it: no second page for this service.
        linkedPage: {
          service: service.id,
          incidentKey: pd.incidentKey ?? `pagerduty/${pd.id}`,
          pdIncidentId: pd.id,
          pdUrl: pd.url,
        },
      });
      await note(incident.id, `Opened from PagerDuty incident ${pd.url}`);
      return 'declared';
    }
    case 'incident.acknowledged': {
      if (!page || page.acknowledgedAt) return 'ignored';
      await tx.page.update({
        where: { id: page.id },
        data: { acknowledgedAt: event.occurredAt, status: 'acknowledged' },
      });
      await note(page.incidentId, `PagerDuty: acknowledged${event.agent ? ` by ${event.agent}` : ''} (${page.target})`);
      if (!(await currentMilestone(tx, page.incidentId, 'acknowledged'))) {
        await setMilestone(tx, {
          incidentId: page.incidentId,
          kind: 'acknowledged',
          occurredAt: event.occurredAt,
          setBy: ctx.botUserId,
          source: 'pagerduty',
          now,
        });
      }
      await enqueue(tx, now, [updateHeader(page.incidentId)]);
      return 'recorded';
    }
    case 'incident.resolved': {
      if (!page) return 'ignored';
      // Our own resolve coming back: already marked, nothing to ask.
      if (page.resolvedAt) return 'ignored';
      await tx.page.update({ where: { id: page.id }, data: { resolvedAt: event.occurredAt, status: 'resolved' } });
      await note(page.incidentId, `PagerDuty: resolved${event.agent ? ` by ${event.agent}` : ''} (${page.target})`);
      const jobs = [updateHeader(page.incidentId)];
      if (isOpenStatus(page.incident.status))
        jobs.push({
          kind: 'pagerduty.ask_resolve',
          incidentId: page.incidentId,
          payload: { incidentId: page.incidentId, pdUrl: pd.url },
        });
      else jobs.push(postInRoom(page.incident, { type: 'pagerduty_resolved_too' }));
      await enqueue(tx, now, jobs);
      return 'recorded';
    }
    default:
      return 'ignored';
  }
}
