import { DateTime } from 'luxon';

/** "3 hours ago", with the exact time for a title attribute. */
export function relativeTime(iso: string | undefined): {
  text: string;
  exact: string;
} {
  if (!iso) {
    return { text: '—', exact: '' };
  }
  const time = DateTime.fromISO(iso);
  return {
    text: time.toRelative() ?? iso,
    exact: time.toLocaleString(DateTime.DATETIME_MED),
  };
}
