import { describe, expect, it } from 'vitest';
import { ServiceFailure } from '../../src/integrations/errors.ts';
import { asJobFailure, PermanentFailure, RetryLater } from '../../src/jobs/errors.ts';

describe("an outside service's failure, as the job queue treats it", () => {
  it('retries what can be retried, when the service asked; parks what cannot; leaves anything else alone', () => {
    const retry = asJobFailure(new ServiceFailure('Linear is rate-limiting the bot', true, 60_000));
    expect(retry).toBeInstanceOf(RetryLater);
    expect(retry).toMatchObject({ message: 'Linear is rate-limiting the bot', retryAfterMs: 60_000 });
    const park = asJobFailure(new ServiceFailure('the mail server refused it (550)', false));
    expect(park).toBeInstanceOf(PermanentFailure);
    expect((park as Error).message).toBe('the mail server refused it (550)');
    const other = new Error('a bug');
    expect(asJobFailure(other)).toBe(other);
  });
});
