// The one error type the app raises on purpose. The edge (Slack reply, HTTP status) turns its code
// into something a person can act on; anything else is a bug and is reported generically.
export const ERROR_CODES = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_IN_INCIDENT: 409,
  CONFLICT: 409,
  NOT_CONFIGURED: 501,
  UNAVAILABLE: 503,
  DATABASE_LOCKED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, userMessage: string, options?: { cause?: unknown }) {
    super(userMessage, options);
    this.name = 'AppError';
    this.code = code;
  }
  get httpStatus(): number {
    return ERROR_CODES[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
