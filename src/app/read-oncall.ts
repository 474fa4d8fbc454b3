import type { BotContext } from '../context.ts';
import { AppError } from '../domain/errors.ts';
import type { OnCall, ServiceOnCall } from '../domain/oncall.ts';
import { incidentInChannel } from './incident-in-channel.ts';

// `/incident oncall`: who is on call now for each affected service mapped to PagerDuty.
export async function readOnCall(ctx: BotContext, channelId: string): Promise<ServiceOnCall[]> {
  const incident = await incidentInChannel(ctx.db, channelId);
  if (!ctx.pager)
    throw new AppError('NOT_CONFIGURED', 'PagerDuty is not configured: set PAGERDUTY_TOKEN to see who is on call.');
  const services = ctx.config.file.services.filter((s) => incident.services.includes(s.id) && s.pagerduty);
  if (!services.length)
    throw new AppError(
      'CONFLICT',
      'None of the affected services is mapped to PagerDuty (`pagerduty:` in the configuration file).',
    );
  let oncalls: OnCall[];
  try {
    oncalls = await ctx.pager.oncalls(services.map((s) => s.pagerduty!.escalation_policy_id));
  } catch (error) {
    throw new AppError('UNAVAILABLE', `PagerDuty did not answer: ${(error as Error).message}`);
  }
  return services.map((s) => ({
    service: s.id,
    oncalls: oncalls.filter((o) => o.policyId === s.pagerduty!.escalation_policy_id).sort((a, b) => a.level - b.level),
  }));
}
