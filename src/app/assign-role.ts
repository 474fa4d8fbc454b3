import { AppError } from '../domain/errors.ts';
import { incidentRef, type Role } from '../domain/incident.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import { enqueue } from '../jobs/queue.ts';
import { addParticipant } from '../store/participants.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom, updateHeader } from './effects.ts';
import { rolesHeldBy } from './incident-in-channel.ts';
import type { IncidentAction } from './use-case.ts';

export type AssignRoleOptions = IncidentAction & { role: Role; userId: string };

// Hands a role to someone (claiming it from the header is the same, with userId = actorId).
// The previous holder's assignment ends but stays on record.
export async function assignRole({
  tx,
  clock,
  config,
  incident,
  actorId,
  actorEmail,
  role,
  userId,
  occurredAt,
}: AssignRoleOptions) {
  const holder = incident.roles.find((r) => r.role === role);
  const ref = incidentRef(incident.number);
  if (holder?.userId === userId) throw new AppError('CONFLICT', `<@${userId}> is already the ${role} of ${ref}.`);
  const allowed = config.file.policy.assign_roles;
  const claimingFree = userId === actorId && !holder;
  if (!claimingFree && !isAllowed(allowed, { id: actorId, email: actorEmail }, rolesHeldBy(incident, actorId))) {
    throw new AppError('FORBIDDEN', `Only ${describePrincipals(allowed!)} may change roles in ${ref}.`);
  }
  const now = clock.now();
  if (holder) await tx.roleAssignment.update({ where: { id: holder.id }, data: { endedAt: occurredAt } });
  await tx.roleAssignment.create({
    data: { incidentId: incident.id, role, userId, assignedBy: actorId, assignedAt: occurredAt },
  });
  await addParticipant(tx, incident.id, userId);
  const text = holder ? `${role}: <@${holder.userId}> → <@${userId}>` : `${role}: <@${userId}>`;
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'role',
    text: `Role ${text}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { role, from: holder?.userId ?? null, to: userId },
  });
  await enqueue(tx, now, [
    updateHeader(incident.id),
    { kind: 'slack.invite', incidentId: incident.id, payload: { incidentId: incident.id, users: [userId] } },
    postInRoom(incident, { type: 'role_assigned', actorId, role, userId }),
  ]);
}
