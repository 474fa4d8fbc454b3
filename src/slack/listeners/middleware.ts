import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../log.ts';

function teamOf(body: Record<string, unknown>): string | undefined {
  const team =
    body.team_id ??
    (body.team as { id?: string } | undefined)?.id ??
    (body.user as { team_id?: string } | undefined)?.team_id;
  return typeof team === 'string' ? team : undefined;
}

// A request signed with our secret but sent from another workspace (an app installed twice, a
// replayed request) is acknowledged and dropped.
export function rejectOtherWorkspaces(teamId: string, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const team = teamOf(args.body as Record<string, unknown>);
    if (!team || team === teamId) return args.next();
    logger.warn({ team }, 'request from another workspace refused');
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    if (!ack) return;
    const isCommand = typeof (args.body as { command?: unknown }).command === 'string';
    await (isCommand
      ? ack({ response_type: 'ephemeral', text: 'This incident bot belongs to another workspace.' })
      : ack());
  };
}
