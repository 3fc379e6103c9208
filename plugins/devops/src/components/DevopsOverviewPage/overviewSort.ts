import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';

/** The columns the overview can be sorted by. */
export type OverviewSortKey =
  | 'service'
  | 'owner'
  | 'lifecycle'
  | 'alerts'
  | 'readiness'
  | 'deploymentFrequency';

export interface OverviewSort {
  key: OverviewSortKey;
  direction: 'asc' | 'desc';
}

type SortValue = string | number | number[] | undefined;

/** The name a person reads for an entry: its catalog title, else its name. */
export function serviceName(entry: OverviewEntry): string {
  return entry.title ?? entry.name;
}

const sortValue: Record<OverviewSortKey, (e: OverviewEntry) => SortValue> = {
  service: e => serviceName(e).toLocaleLowerCase('en-US'),
  owner: e => e.owner,
  lifecycle: e => e.lifecycle,
  // Most urgent first when descending: any P0 outranks every P1, and so on.
  alerts: e => [
    e.firingAlerts.P0,
    e.firingAlerts.P1,
    e.firingAlerts.P2,
    e.firingAlerts.P3,
  ],
  readiness: e => e.readiness.score,
  deploymentFrequency: e => e.dora.deploymentsPerDay,
};

function compareValues(a: SortValue, b: SortValue): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        return a[i] - b[i];
      }
    }
    return 0;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), 'en-US');
}

/**
 * A sorted copy of the entries. Entries without a value (no owner, not
 * scored yet) go last in either direction, so sorting by score never puts
 * the unscored at the top; ties keep entity-ref order.
 */
export function sortOverview(
  entries: OverviewEntry[],
  sort: OverviewSort,
): OverviewEntry[] {
  const value = sortValue[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...entries].sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === undefined || b === undefined) {
      if (a === b) {
        return x.entityRef.localeCompare(y.entityRef);
      }
      return a === undefined ? 1 : -1;
    }
    return sign * compareValues(a, b) || x.entityRef.localeCompare(y.entityRef);
  });
}
