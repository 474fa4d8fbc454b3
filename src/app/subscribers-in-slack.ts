// `/incident subscribers …` (SPEC.md "Subscribers"): webhooks are added only here, by publishers;
// the list counts email subscribers and never shows an address; `forget` erases one on request.
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import { emailKey, isEmailAddress, webhookKey, webhookUrlProblem } from '../domain/status-page/subscriptions.ts';
import type { Db } from '../store/database.ts';
import { newPublicId } from '../store/status-page.ts';
import { removeSubscriber } from './manage-subscription.ts';
import { checkPublisherOutsideIncidents, type MaintenanceActor } from './maintenance-records.ts';
import { visibleComponents } from './publish-status-update.ts';

type Ports = { db: Db; clock: Clock; config: Config };
export type SubscriberList = {
  emailConfirmed: number;
  emailUnconfirmed: number;
  emailEnabled: boolean;
  webhooks: { id: string; host: string; components: string[]; failing: boolean; disabled: boolean }[];
};

const DOING = 'manage status page subscribers';

function checkAllowed(ports: Ports, actor: MaintenanceActor) {
  checkPublisherOutsideIncidents(ports.config, actor, DOING);
}

export async function addWebhook(
  ports: Ports,
  actor: MaintenanceActor,
  input: { url: string; components: string[] },
): Promise<{ id: string; host: string; secret: string }> {
  checkAllowed(ports, actor);
  const problem = webhookUrlProblem(input.url);
  if (problem) throw new AppError('BAD_INPUT', problem);
  const unknown = input.components.find((c) => !visibleComponents(ports.config).includes(c));
  if (unknown) throw new AppError('BAD_INPUT', `Unknown component: ${unknown}.`);
  const secret = randomBytes(32).toString('hex');
  const id = newPublicId();
  const created = await ports.db.subscriber.createMany({
    data: [
      {
        id,
        kind: 'webhook',
        address: input.url,
        addressKey: webhookKey(input.url),
        components: input.components,
        secret,
        createdBy: actor.actorId,
        createdAt: ports.clock.now(),
        confirmedAt: ports.clock.now(),
      },
    ],
    skipDuplicates: true,
  });
  if (!created.count)
    throw new AppError('CONFLICT', 'That URL is a subscriber already: `/incident subscribers list` shows it.');
  return { id, host: new URL(input.url).host, secret };
}

export async function removeWebhook(ports: Ports, actor: MaintenanceActor, id: string): Promise<string> {
  checkAllowed(ports, actor);
  const found = await ports.db.subscriber.findFirst({ where: { id, kind: 'webhook' } });
  if (!found)
    throw new AppError('NOT_FOUND', `There is no webhook \`${id}\`: \`/incident subscribers list\` shows them.`);
  await removeSubscriber(ports.db, id);
  return new URL(found.address).host;
}

export async function listSubscribers(ports: Ports & { emailEnabled: boolean }, actor: MaintenanceActor) {
  checkAllowed(ports, actor);
  const [confirmed, unconfirmed, webhooks] = await Promise.all([
    ports.db.subscriber.count({ where: { kind: 'email', confirmedAt: { not: null } } }),
    ports.db.subscriber.count({ where: { kind: 'email', confirmedAt: null } }),
    ports.db.subscriber.findMany({ where: { kind: 'webhook' }, orderBy: { createdAt: 'asc' }, take: 100 }),
  ]);
  return {
    emailConfirmed: confirmed,
    emailUnconfirmed: unconfirmed,
    emailEnabled: ports.emailEnabled,
    webhooks: webhooks.map((w) => ({
      id: w.id,
      host: new URL(w.address).host,
      components: w.components,
      failing: !!w.failingSince,
      disabled: !!w.disabledAt,
    })),
  } satisfies SubscriberList;
}

// Erasure on request: the address and anything still to be sent to it are gone.
export async function forgetEmail(ports: Ports, actor: MaintenanceActor, email: string): Promise<boolean> {
  checkAllowed(ports, actor);
  if (!isEmailAddress(email.trim())) throw new AppError('BAD_INPUT', 'That is not an email address.');
  const found = await ports.db.subscriber.findUnique({ where: { addressKey: emailKey(email) } });
  return found ? removeSubscriber(ports.db, found.id) : false;
}
