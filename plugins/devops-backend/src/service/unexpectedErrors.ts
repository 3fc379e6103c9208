import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { randomUUID } from 'crypto';
import type { ErrorRequestHandler } from 'express';

// Errors whose message is written for the caller: @backstage/errors' own
// classes, and those with a 4xx status from express and its body parser
// (malformed JSON, a body over the limit, an undecodable path).
const callerErrors = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'ServiceUnavailableError',
  'NotImplementedError',
]);

function clientStatusOf(error: unknown): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown };
  const status = e?.status ?? e?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
}

/**
 * The router's last error handler. Anything that is not an error meant for
 * the caller (a database driver's error carries the SQL text and values) is
 * logged in full and answered as a generic 500 with a reference to the log
 * line, so no SQL, stack or internal detail reaches a response body.
 */
export function unexpectedErrorHandler(
  logger: LoggerService,
): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const clientStatus = clientStatusOf(error);
    if (clientStatus !== undefined && !callerErrors.has(error?.name)) {
      // Only the message; the body parser's `body` field echoes the input.
      const plain = new Error(String(error.message));
      delete plain.stack;
      next(Object.assign(plain, { status: clientStatus }));
      return;
    }
    if (isError(error) && callerErrors.has(error.name)) {
      if (error.cause === undefined) {
        next(error);
        return;
      }
      // The cause (often a driver error) stays in the log.
      logger.warn(`${req.method} ${req.path}: ${error.message}`, {
        cause: String(error.cause),
      });
      const Plain = error.constructor as new (message: string) => Error;
      next(new Plain(error.message));
      return;
    }
    const reference = randomUUID();
    logger.error(
      `Unexpected error answering ${req.method} ${req.path} (reference ${reference})`,
      isError(error) ? error : new Error(String(error)),
    );
    const generic = new Error(
      `An unexpected error occurred; the backend log has the details under reference ${reference}`,
    );
    delete generic.stack;
    next(generic);
  };
}
