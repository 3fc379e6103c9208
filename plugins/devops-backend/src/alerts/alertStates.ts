/** What decides whether one report of an alert says something newer. */
export interface AlertState {
  status: 'firing' | 'resolved';
  /** Epoch milliseconds of the occurrence's start. */
  startsAtMs: number;
}

/**
 * Whether `incoming` says something newer than `stored` about an alert: a
 * later occurrence, or the same occurrence not going back from resolved to
 * firing.
 */
export function supersedes(stored: AlertState, incoming: AlertState): boolean {
  if (incoming.startsAtMs !== stored.startsAtMs) {
    return incoming.startsAtMs > stored.startsAtMs;
  }
  return !(stored.status === 'resolved' && incoming.status === 'firing');
}

/**
 * One alert per fingerprint: when a batch repeats one, the state that would
 * win in the store is kept, and among equals the last one listed, so a
 * batch stores the same as its alerts sent one by one.
 */
export function lastStatePerFingerprint<
  T extends {
    fingerprint: string;
    status: 'firing' | 'resolved';
    startsAt: string;
  },
>(alerts: T[]): T[] {
  const kept = new Map<string, T>();
  const state = (a: T) => ({
    status: a.status,
    startsAtMs: Date.parse(a.startsAt),
  });
  for (const alert of alerts) {
    const previous = kept.get(alert.fingerprint);
    if (!previous || supersedes(state(previous), state(alert))) {
      kept.set(alert.fingerprint, alert);
    }
  }
  return [...kept.values()];
}
