// How an outside service failed, in the integrations' own terms: whether trying again can help, and
// when the service asked to be tried again. What follows (retry, park) is the job queue's business.
export class ServiceFailure extends Error {
  constructor(
    message: string,
    readonly retryable = true,
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'ServiceFailure';
  }
}
