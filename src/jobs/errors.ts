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
