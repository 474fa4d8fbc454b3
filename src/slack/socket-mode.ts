import { type Logger as BoltLogger, SocketModeReceiver, type webApi } from '@slack/bolt';

// The Socket Mode client (@slack/socket-mode 3.1, through Bolt 5.1) waits `clientPingTimeout` ×
// consecutive failures before every reconnect: 5 s after each routine refresh, each reset and each
// close, during which every `/incident` fails for users with dispatch_failed. Its only setting for
// that wait is `clientPingTimeout`, which is also how long it waits for a pong, and that must stay
// at 5 s or more (a shorter one reconnects spuriously under load). So the receiver is Bolt's own,
// and the one method that schedules reconnects is replaced: a drop is followed by a reconnect at
// once; only a reconnect that fails before Slack's hello backs off (0.5 s doubling to 30 s).
const MAX_BACKOFF_MS = 30_000;

type ReconnectingClient = {
  reconnectionTimer: NodeJS.Timeout | undefined;
  shuttingDown: boolean;
  on(event: string, listener: () => void): unknown;
  emit(event: string): unknown;
  delayReconnectAttempt(cb: () => Promise<unknown>): Promise<unknown>;
  start(): Promise<unknown>;
};

export type SocketModeOptions = { appToken: string; logger: BoltLogger; clientOptions: webApi.WebClientOptions };

export function socketModeReceiver(options: SocketModeOptions): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    // Where apps.connections.open is called (SLACK_API_URL), as Bolt would pass it.
    installerOptions: { clientOptions: options.clientOptions },
  });
  const client = receiver.client as unknown as ReconnectingClient;
  const start = client.start;
  // Reconnect attempts since the last connection that Slack greeted with hello.
  let attempts = 0;
  client.on('connected', () => {
    attempts = 0;
  });
  client.delayReconnectAttempt = function (this: ReconnectingClient, reconnect) {
    const wait = attempts === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** (attempts - 1));
    attempts += 1;
    options.logger.debug(`Socket Mode: reconnecting in ${wait} ms`);
    return new Promise((resolve, reject) => {
      this.reconnectionTimer = setTimeout(() => {
        this.reconnectionTimer = undefined;
        if (this.shuttingDown) return resolve(undefined);
        this.emit('reconnecting');
        reconnect.apply(this).then(resolve, (error: unknown) => {
          // Inside a URL lookup the caller handles it; a whole reconnect that failed (Slack
          // answering apps.connections.open with an error, say) is tried again, later each time.
          if (reconnect !== start) return reject(error);
          options.logger.warn(`Socket Mode: reconnecting failed (${error}); trying again`);
          resolve(this.delayReconnectAttempt(reconnect));
        });
      }, wait);
    });
  };
  return receiver;
}
