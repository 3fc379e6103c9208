import type {
  DeploymentStrategy,
  MigrationReportInput,
} from '@backstage-devops/plugin-devops-common';
import { DateTime } from 'luxon';
import type { DevopsDeploymentRecord } from '@backstage-devops/plugin-devops-node';

/** A small deterministic PRNG (mulberry32) so each entity's demo is stable. */
function random(seedText: string) {
  let seed = 0;
  for (const ch of seedText) {
    seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  }
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const actors = ['ada', 'grace', 'ci-bot', 'linus', 'margaret'];

export interface DemoEntity {
  entityRef: string;
  environments: string[];
  /** Experimental services have not reached the last environment yet. */
  experimental: boolean;
  /** Websites have no database. */
  hasDatabase: boolean;
}

/**
 * Sixty days of plausible history for one entity: releases cut every day or
 * two, each deployed through the environments in order, with the occasional
 * failed deployment, a rollback, and migrations that trail towards
 * production.
 */
export function buildDemoHistory(entity: DemoEntity, now: DateTime) {
  const rand = random(entity.entityRef);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rand() * items.length)];
  const envs = entity.experimental
    ? entity.environments.slice(0, -1)
    : entity.environments;
  const deployments: DevopsDeploymentRecord[] = [];
  const name = entity.entityRef.split('/').pop()!;

  let minor = 0;
  let patch = 0;
  let day = now.minus({ days: 60 });
  let release = 0;
  while (day < now.minus({ hours: 6 })) {
    release += 1;
    if (rand() < 0.3) {
      minor += 1;
      patch = 0;
    } else {
      patch += 1;
    }
    const version = `1.${minor}.${patch}`;
    const commitSha = Array.from({ length: 40 }, () =>
      Math.floor(rand() * 16).toString(16),
    ).join('');
    const commitTime = day.minus({ hours: 2 + rand() * 20 });
    let at = day;
    for (const [index, environment] of envs.entries()) {
      const isLast = index === envs.length - 1;
      // The newest releases have not been promoted all the way yet.
      if (at > now) {
        break;
      }
      const failed = rand() < (isLast ? 0.08 : 0.12);
      const strategy: DeploymentStrategy = isLast
        ? pick(['blue-green', 'canary'] as const)
        : 'rolling';
      const minutes = 3 + Math.floor(rand() * 12);
      const startedAt = at;
      const finishedAt = at.plus({ minutes });
      const externalId = `demo-${release}-${environment}`;
      deployments.push({
        entityRef: entity.entityRef,
        environment,
        version,
        status: failed ? 'failed' : 'succeeded',
        strategy,
        externalId,
        startedAt: startedAt.toISO()!,
        finishedAt: finishedAt.toISO()!,
        commitSha,
        commitTime: commitTime.toISO()!,
        actor: pick(actors),
        url: `https://ci.example.com/${name}/runs/${release * 10 + index}`,
        description: failed
          ? 'Smoke test failed after deploy'
          : `Release ${version}`,
      });
      if (failed) {
        // Production failures are rolled back to the previous version.
        if (isLast) {
          const previous = [...deployments]
            .reverse()
            .find(
              d =>
                d.environment === environment &&
                d.status === 'succeeded' &&
                d.version !== version,
            );
          if (previous) {
            deployments.push({
              ...previous,
              externalId: `${externalId}-rollback`,
              status: 'succeeded',
              startedAt: finishedAt.plus({ minutes: 2 }).toISO()!,
              finishedAt: finishedAt.plus({ minutes: 6 }).toISO()!,
              rollbackOf: externalId,
              actor: 'ci-bot',
              description: `Automatic rollback of ${version}`,
            });
          }
        }
        break;
      }
      at = at.plus({ hours: 4 + rand() * 30 });
    }
    day = day.plus({ hours: 20 + rand() * 40 });
  }

  const migrations: MigrationReportInput[] = [];
  if (entity.hasDatabase) {
    const all = Array.from({ length: 14 }, (_, i) => ({
      id: `${String(i + 1).padStart(4, '0')}`,
      name: pick([
        'create_accounts',
        'add_index_on_created_at',
        'add_currency_column',
        'backfill_currency',
        'create_refunds',
        'drop_legacy_status',
      ]),
      checksum: Math.floor(rand() * 1e9).toString(16),
    }));
    envs.forEach((environment, index) => {
      // Each later environment trails by one more migration.
      const appliedCount = all.length - index;
      migrations.push({
        entityRef: entity.entityRef,
        environment,
        tool: 'knex',
        migrations: all.map((m, i) => {
          const applied = i < appliedCount;
          // The first migration staging has not applied is a failed one.
          const failed = !applied && i === appliedCount && index === 1;
          let status: 'applied' | 'failed' | 'pending' = 'pending';
          if (applied) {
            status = 'applied';
          } else if (failed) {
            status = 'failed';
          }
          return {
            ...m,
            // One environment carries an edited migration: checksum drift.
            checksum:
              index === envs.length - 1 && i === 3
                ? 'edited-after-apply'
                : m.checksum,
            status,
            appliedAt: applied
              ? now.minus({ days: 50 - i * 3 + index }).toISO()!
              : undefined,
            durationMs: applied ? 40 + Math.floor(rand() * 4000) : undefined,
          };
        }),
      });
    });
  }

  return { deployments, migrations };
}
