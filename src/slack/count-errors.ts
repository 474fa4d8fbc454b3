import { webApi } from '@slack/bolt';
import type { BotMetrics } from '../metrics/metrics.ts';

// The bot's Web API client, counting failed calls by method for /metrics. Every method goes through
// apiCall, which the client's method table binds at construction: hence a subclass, not a wrapper.
export class CountingWebClient extends webApi.WebClient {
  constructor(
    token: string,
    options: webApi.WebClientOptions,
    private readonly metrics: BotMetrics,
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<webApi.WebAPICallResult> {
    try {
      return await super.apiCall(method, options);
    } catch (error) {
      this.metrics.slackErrors.inc({ method });
      throw error;
    }
  }
}
