import { isUtf8 } from 'node:buffer';
import type { ErrorRequestHandler } from 'express';

/** body-parser's `verify` hook: bytes that are not UTF-8 would otherwise become U+FFFD silently. */
export function requireUtf8(_request: unknown, _response: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, expose: true, type: 'encoding.invalid' });
}

/**
 * Failures before GraphQL runs (oversized or malformed bodies) answered in GraphQL's error
 * shape, so clients handle one format; anything unexpected is logged and kept vague.
 */
export function requestErrors(): ErrorRequestHandler {
  return (error: { status?: number; expose?: boolean; type?: string; message?: string }, request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message = status === 413 ? 'The request body is larger than the server accepts (MAX_REQUEST_BYTES)' : status < 500 && error.expose ? String(error.message) : 'Internal server error';
    if (status >= 500) request.log?.error({ err: error }, 'request failed before GraphQL');
    response.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
