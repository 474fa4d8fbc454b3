import type { BotContext } from '../context.ts';
import { promptAddressee } from '../domain/follow-ups.ts';
import { followUpsOf, type MyFollowUps } from './follow-ups.ts';
import { slackProfile } from './slack-profile.ts';

export type HomeIncident = {
  number: number;
  title: string;
  severity: string | null;
  status: string;
  channelId: string | null;
  declaredAt: Date;
  isPrivate: boolean;
  // The roles the viewer holds in it.
  roles: string[];
};
export type HomePrompt = { incidentNumber: number; kind: string; askedAt: Date; channelId: string | null };
export type Home = { incidents: HomeIncident[]; followUps: MyFollowUps; prompts: HomePrompt[] };

const OPEN = { notIn: ['resolved', 'cancelled'] };

// What the App Home shows one person: the open incidents they may see (drills left out, private
// ones only to their members), with the roles they hold; their open action items and owed
// postmortems; the questions waiting for an answer from a role they hold.
export async function readHome(ctx: BotContext, userId: string): Promise<Home> {
  // The cached zone is enough for "overdue" here; the home must not wait on Slack.
  const cached = await ctx.db.slackUser.findUnique({ where: { id: userId } });
  const tz =
    cached?.tz ??
    (await slackProfile(ctx, userId).then(
      (p) => p.tz,
      () => null,
    ));
  const [incidents, followUps, prompts] = await Promise.all([
    ctx.db.incident.findMany({
      where: {
        status: OPEN,
        isDrill: false,
        OR: [{ isPrivate: false }, { participants: { some: { userId } } }],
      },
      include: { roles: { where: { endedAt: null } } },
      orderBy: { number: 'desc' },
    }),
    followUpsOf(ctx.db, userId, tz, ctx.clock.now()),
    ctx.db.prompt.findMany({
      where: { answeredAt: null, incident: { status: OPEN, roles: { some: { userId, endedAt: null } } } },
      include: { incident: { include: { roles: { where: { endedAt: null } } } } },
      orderBy: { askedAt: 'asc' },
    }),
  ]);
  return {
    incidents: incidents.map((i) => ({
      number: i.number,
      title: i.title,
      severity: i.severity,
      status: i.status,
      channelId: i.channelId,
      declaredAt: i.declaredAt,
      isPrivate: i.isPrivate,
      roles: i.roles.filter((r) => r.userId === userId).map((r) => r.role),
    })),
    followUps,
    prompts: prompts
      .filter((p) => {
        const role = promptAddressee(p.kind);
        const holder =
          p.incident.roles.find((r) => r.role === role) ?? p.incident.roles.find((r) => r.role === 'commander');
        return holder?.userId === userId;
      })
      .map((p) => ({
        incidentNumber: p.incident.number,
        kind: p.kind,
        askedAt: p.askedAt,
        channelId: p.incident.channelId,
      })),
  };
}
