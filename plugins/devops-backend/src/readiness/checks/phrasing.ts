import type { ReadinessCheckResult } from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';

export const pass = (fact: string): ReadinessCheckResult => ({
  status: 'pass',
  fact,
});
export const fail = (fact: string): ReadinessCheckResult => ({
  status: 'fail',
  fact,
});
export const unknown = (fact: string): ReadinessCheckResult => ({
  status: 'unknown',
  fact,
});

/** An instant as owners read it in a sentence: 2026-11-20 10:06 UTC. */
export function when(iso: string): string {
  return DateTime.fromISO(iso).toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'");
}

/** A duration in the unit that reads best: 45 min, 3.5 h, 2.1 days. */
export function duration(seconds: number): string {
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 2 * 86_400) {
    return `${Math.round((seconds / 3600) * 10) / 10} h`;
  }
  return `${Math.round((seconds / 86_400) * 10) / 10} days`;
}

export const percent = (share: number) => `${Math.round(share * 1000) / 10} %`;

export const plural = (n: number, word: string) =>
  `${n} ${word}${n === 1 ? '' : 's'}`;
