import type {
  EntityMigrations,
  MigrationDrift,
  MigrationState,
} from '@backstage-devops/plugin-devops-common';

/**
 * Splits each environment's migrations by status and finds where the
 * environments disagree. Only environments that reported migrations take part:
 * one that never reported is unknown, not behind.
 */
export function buildEntityMigrations(
  statesByEnvironment: Map<string, MigrationState[]>,
  environmentOrder: string[],
): EntityMigrations {
  const reported = [...statesByEnvironment.keys()];
  const ordered = [
    ...environmentOrder.filter(env => statesByEnvironment.has(env)),
    ...reported.filter(env => !environmentOrder.includes(env)).sort(),
  ];

  const environments = ordered.map(environment => {
    const states = statesByEnvironment.get(environment)!;
    const lastReportedAt = states
      .map(s => s.lastReportedAt)
      .sort()
      .at(-1);
    return {
      environment,
      lastReportedAt,
      applied: states.filter(s => s.status === 'applied'),
      pending: states.filter(s => s.status === 'pending'),
      failed: states.filter(s => s.status === 'failed'),
      rolledBack: states.filter(s => s.status === 'rolled_back'),
    };
  });

  const ids = new Set<string>();
  statesByEnvironment.forEach(states => states.forEach(s => ids.add(s.id)));

  const drift: MigrationDrift[] = [];
  for (const id of [...ids].sort()) {
    const appliedIn: string[] = [];
    const notAppliedIn: string[] = [];
    const checksums: Record<string, string | null> = {};
    for (const env of ordered) {
      const state = statesByEnvironment.get(env)!.find(s => s.id === id);
      if (state?.status === 'applied') {
        appliedIn.push(env);
        checksums[env] = state.checksum ?? null;
      } else {
        notAppliedIn.push(env);
      }
    }
    if (appliedIn.length > 0 && notAppliedIn.length > 0) {
      drift.push({
        migrationId: id,
        kind: 'not_applied',
        appliedIn,
        notAppliedIn,
        checksums,
      });
    }
    const distinct = new Set(
      Object.values(checksums).filter((c): c is string => Boolean(c)),
    );
    if (distinct.size > 1) {
      drift.push({
        migrationId: id,
        kind: 'checksum_mismatch',
        appliedIn,
        notAppliedIn,
        checksums,
      });
    }
  }

  return { environments, drift };
}
