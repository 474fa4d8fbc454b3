import type { AckFn, RespondFn } from '@slack/bolt';
import { isAppError } from '../../domain/errors.ts';
import { LATE, withinDeadline } from '../../deadline.ts';
import type { Logger } from '../../log.ts';
import type { BotMetrics } from '../../metrics/metrics.ts';

// Bolt answers Slack 404 at 2.9 s when nothing acknowledged; this answers first.
const ANSWER_WITHIN_MS = 2_400;
const SORRY = 'Sorry, that did not go through: nothing was saved. Try again in a moment.';

type Kind = 'command' | 'action' | 'view' | 'shortcut';
// biome-ignore lint/suspicious/noExplicitAny: each kind of listener acks with its own response type
type Guardable = { ack: AckFn<any>; respond?: RespondFn };

// Whatever a listener throws, or however long it waits (a database that is down), the person gets
// an answer Slack can show within its 3 s: the refusal's own words, or that nothing was saved. The
// details go to the log, never to Slack. Events are not guarded: an event that could not be
// recorded is answered 5xx, so Slack delivers it again.
// `metrics`: how long each acknowledgement took, for /metrics.
export function guarded<A extends Guardable>(
  kind: Kind,
  logger: Logger,
  listener: (args: A) => Promise<unknown>,
  metrics?: BotMetrics,
) {
  return async (args: A) => {
    const started = performance.now();
    let acked = false;
    const acknowledged = () => metrics?.ackSeconds.observe({ kind }, (performance.now() - started) / 1_000);
    // biome-ignore lint/suspicious/noExplicitAny: passes the listener's own response through
    const ack = (async (response?: any) => {
      if (acked) return;
      acked = true;
      acknowledged();
      return args.ack(response);
    }) as A['ack'];
    const run = listener({ ...args, ack }).then(
      () => null,
      (error: unknown): unknown => error ?? new Error('listener failed'),
    );
    const outcome = await withinDeadline(run, ANSWER_WITHIN_MS);
    if (outcome === null) return;
    const error = outcome === LATE ? null : outcome;
    if (isAppError(error)) logger.warn({ err: error.cause ?? error, kind, code: error.code }, 'Slack listener refused');
    else if (error) logger.error({ err: error, kind }, 'Slack listener failed');
    else logger.warn({ kind }, 'Slack listener too slow to answer: told the person nothing was saved');
    const text = isAppError(error) ? error.message : SORRY;
    const answerInAck = kind === 'command' || kind === 'view';
    if (!acked) {
      acked = true;
      acknowledged();
      await args.ack(answerFor(kind, text)).catch(() => {});
      if (answerInAck) return;
    }
    await args.respond?.({ response_type: 'ephemeral', text }).catch(() => {});
  };
}

function answerFor(kind: Kind, text: string) {
  if (kind === 'command') return { response_type: 'ephemeral', text };
  if (kind === 'view') {
    return {
      response_action: 'update',
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Not saved' },
        close: { type: 'plain_text', text: 'Close' },
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
      },
    };
  }
  return undefined;
}
