import { ServiceFailure } from '../integrations/errors.ts';

// How a side effect failed decides what the queue does next.
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

// Retrying cannot help (the request itself is wrong): the job is parked as failed, kept for a human.
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}

// An outside service's failure (src/integrations/errors.ts) as the queue treats it; anything else
// as it is.
export function asJobFailure(error: unknown): unknown {
  if (!(error instanceof ServiceFailure)) return error;
  return error.retryable ? new RetryLater(error.message, error.retryAfterMs) : new PermanentFailure(error.message);
}
