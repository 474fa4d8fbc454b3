// POSTs to webhook subscribers: a 2xx is delivered; anything else, or no answer in time, is a
// failure to try again later.
export type WebhookPost = { url: string; body: string; headers: Record<string, string> };
export type WebhookSender = { post(request: WebhookPost): Promise<{ ok: true } | { ok: false; reason: string }> };

const TIMEOUT_MS = 10_000;

export const httpWebhookSender: WebhookSender = {
  async post({ url, body, headers }) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'incident-bot', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.body?.cancel();
      return response.ok ? { ok: true } : { ok: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      return {
        ok: false,
        reason: (error as Error).name === 'TimeoutError' ? 'no answer in 10 s' : 'could not connect',
      };
    }
  },
};
