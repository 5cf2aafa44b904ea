/**
 * The codes a client may see in `extensions.code`: each says what the caller can do about it.
 * Any other code is internal (for logs and the code that catches it) and reaches clients as
 * INTERNAL_SERVER_ERROR.
 */
export const CLIENT_ERROR_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'QUOTA_EXCEEDED', 'PRECONDITION_FAILED', 'SLOW_CONSUMER'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/**
 * Every error Docent throws on purpose. A client code means the caller got something wrong and
 * the message is safe to show; `details` travel with it (e.g. `field`, `retryAfterSeconds`).
 */
export class DocentError extends Error {
  constructor(
    readonly code: ClientErrorCode | InternalErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }

  /** Whether the caller caused it (and may be told so), rather than the server. */
  get isClientError(): boolean {
    return (CLIENT_ERROR_CODES as readonly string[]).includes(this.code);
  }
}

/** Codes of failures inside the server, e.g. persistence's `UNIQUE_VIOLATION`, mapped by the code that expects them. */
export type InternalErrorCode = Uppercase<string> & {};
