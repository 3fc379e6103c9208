import { ServiceUnavailableError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';

// Errors that mean the database cannot be reached right now, as opposed to
// a query that is wrong: connection refused or reset, the server shutting
// down or starting up, a pool that could not get a connection in time.
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; message?: unknown };
  if (!e || typeof e !== 'object') {
    return false;
  }
  if (typeof e.code === 'string' && unavailableCodes.has(e.code)) {
    return true;
  }
  if (e.name === 'KnexTimeoutError') {
    return true;
  }
  return (
    typeof e.message === 'string' &&
    /Connection terminated|terminating connection|connection is closed|Client has encountered a connection error/i.test(
      e.message,
    )
  );
}

/**
 * Answers 503 instead of 500 while the database is away, so CI reporters
 * know to retry; nothing was acknowledged, so nothing is lost.
 */
export const databaseUnavailableHandler: ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  next(
    isDatabaseUnavailable(error)
      ? // No cause: the driver's message may hold SQL; it is logged later.
        new ServiceUnavailableError(
          'The DevOps database is unavailable, retry later',
        )
      : error,
  );
};
