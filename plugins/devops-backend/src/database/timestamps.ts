import { DateTime } from 'luxon';

/**
 * Timestamp columns come back as Date objects from PostgreSQL and as epoch
 * milliseconds or strings from SQLite; everything above the store sees ISO
 * strings.
 */
export function timestampToIso(
  value: Date | string | number | null | undefined,
): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  // Date#toISOString is always UTC with milliseconds, like luxon's toISO in
  // UTC, and much cheaper on the read paths that convert every row.
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (typeof value === 'number') {
    return new Date(value).toISOString();
  }
  const numeric = Number(value);
  if (Number.isFinite(numeric) && /^\d+$/.test(value)) {
    return DateTime.fromMillis(numeric, { zone: 'utc' }).toISO() ?? undefined;
  }
  const parsed = DateTime.fromSQL(value, { zone: 'utc' });
  if (parsed.isValid) {
    return parsed.toUTC().toISO() ?? undefined;
  }
  return DateTime.fromISO(value, { zone: 'utc' }).toUTC().toISO() ?? undefined;
}

export function timestampToMillis(
  value: Date | string | number | null | undefined,
): number | undefined {
  const iso = timestampToIso(value);
  return iso ? DateTime.fromISO(iso).toMillis() : undefined;
}

/** ISO string (as validated at the API) to the Date the store writes. */
export function isoToDate(value: string | undefined): Date | null {
  return value ? DateTime.fromISO(value).toJSDate() : null;
}
