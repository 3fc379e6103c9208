import { InputError } from '@backstage/errors';
import type { StoredAlert } from './AlertStore';

// Dates are within ±8.64e15 ms of the epoch; anything else is not a time.
const MAX_DATE_MS = 8.64e15;

function encodeCursor(alert: StoredAlert): string {
  return Buffer.from(
    JSON.stringify([Date.parse(alert.startsAt), alert.fingerprint]),
  ).toString('base64url');
}

function decodeCursor(cursor: string): { startsAtMs: number; fp: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      Number.isSafeInteger(value[0]) &&
      Math.abs(value[0]) <= MAX_DATE_MS &&
      typeof value[1] === 'string' &&
      value[1].length > 0 &&
      value[1].length <= 255
    ) {
      return { startsAtMs: value[0], fp: value[1] };
    }
  } catch {
    // fall through to the input error
  }
  throw new InputError('cursor: not a cursor this API returned');
}

/** Newest occurrence first; the fingerprint breaks ties, so pages are stable. */
function newestFirst(a: StoredAlert, b: StoredAlert): number {
  const byStart = Date.parse(b.startsAt) - Date.parse(a.startsAt);
  if (byStart !== 0) {
    return byStart;
  }
  if (a.fingerprint === b.fingerprint) {
    return 0;
  }
  return a.fingerprint < b.fingerprint ? 1 : -1;
}

/**
 * One page of an entity's alerts, newest first, after the alert the cursor
 * names (`nextCursor` of the previous page).
 */
export function pageOfAlerts(
  alerts: StoredAlert[],
  options: { limit: number; cursor?: string },
): { items: StoredAlert[]; nextCursor?: string } {
  const sorted = [...alerts].sort(newestFirst);
  let start = 0;
  if (options.cursor) {
    const { startsAtMs, fp } = decodeCursor(options.cursor);
    const after = {
      startsAt: new Date(startsAtMs).toISOString(),
      fingerprint: fp,
    } as StoredAlert;
    start = sorted.findIndex(a => newestFirst(after, a) < 0);
    if (start === -1) {
      start = sorted.length;
    }
  }
  const items = sorted.slice(start, start + options.limit);
  return {
    items,
    nextCursor:
      start + options.limit < sorted.length
        ? encodeCursor(items[items.length - 1])
        : undefined,
  };
}
