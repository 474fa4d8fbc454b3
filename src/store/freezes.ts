import type { GateFreeze } from '../domain/freeze.ts';
import type { Db } from './database.ts';
import type { Prisma } from './generated/client.ts';

export const activeFreezeWhere = (now: Date): Prisma.FreezeWhereInput => ({
  liftedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

// Every active freeze with its live exceptions and what the gate says about its incident.
export async function loadGateFreezes(db: Db, now: Date): Promise<GateFreeze[]> {
  const rows = await db.freeze.findMany({
    where: activeFreezeWhere(now),
    include: {
      exceptions: { where: { revokedAt: null, expiresAt: { gt: now } } },
      incident: { include: { roles: { where: { endedAt: null, role: 'commander' } } } },
    },
    orderBy: { startedAt: 'asc' },
  });
  const commanderIds = rows.flatMap((r) => r.incident?.roles.map((role) => role.userId) ?? []);
  const names = new Map(
    (await db.slackUser.findMany({ where: { id: { in: commanderIds } } })).map((u) => [u.id, u.name]),
  );
  return rows.map((r) => {
    const commander = r.incident?.roles[0]?.userId;
    return {
      id: r.id,
      services: r.services,
      environments: r.environments,
      reason: r.reason,
      startedAt: r.startedAt,
      expiresAt: r.expiresAt,
      exceptions: r.exceptions.map((e) => ({
        id: e.id,
        service: e.service,
        version: e.version,
        expiresAt: e.expiresAt,
      })),
      incident: r.incident && {
        id: r.incident.id,
        number: r.incident.number,
        title: r.incident.title,
        isPrivate: r.incident.isPrivate,
        channelName: r.incident.channelName,
        commander: commander ? { id: commander, name: names.get(commander) ?? null } : null,
      },
    };
  });
}
