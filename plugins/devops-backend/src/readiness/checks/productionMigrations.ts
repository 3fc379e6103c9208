import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { fail, pass, plural, unknown } from './phrasing';

const ids = (items: Array<{ id: string }>) =>
  items
    .slice(0, 3)
    .map(m => m.id)
    .join(', ') + (items.length > 3 ? ', …' : '');

/**
 * Production's migrations are settled and match staging's: nothing pending
 * or failed, nothing applied in production that staging has not applied,
 * no migration applied with different checksums. Staging being ahead is a
 * release on its way and does not fail the check.
 */
export const productionMigrationsCheck: ReadinessCheck = {
  id: 'production-migrations',
  title: 'Production migrations settled',
  description:
    'Production reports no pending or failed migrations and none that drifted from staging (applied only in production, or with another checksum).',
  async evaluate({
    productionEnvironment: prod,
    stagingEnvironment: staging,
    data,
  }) {
    const { environments, drift } = await data.migrations();
    const production = environments.find(e => e.environment === prod);
    if (!production) {
      return unknown(`${prod} has not reported any migrations.`);
    }
    const problems: string[] = [];
    if (production.failed.length > 0) {
      problems.push(
        `${plural(production.failed.length, 'failed migration')} (${ids(
          production.failed,
        )})`,
      );
    }
    if (production.pending.length > 0) {
      problems.push(
        `${plural(production.pending.length, 'pending migration')} (${ids(
          production.pending,
        )})`,
      );
    }
    const stagingReported =
      staging && environments.some(e => e.environment === staging);
    let ahead = 0;
    if (stagingReported) {
      const onlyInProduction = drift.filter(
        d =>
          d.kind === 'not_applied' &&
          d.appliedIn.includes(prod) &&
          d.notAppliedIn.includes(staging!),
      );
      ahead = drift.filter(
        d =>
          d.kind === 'not_applied' &&
          d.appliedIn.includes(staging!) &&
          d.notAppliedIn.includes(prod),
      ).length;
      const mismatched = drift.filter(
        d =>
          d.kind === 'checksum_mismatch' &&
          d.checksums[prod] &&
          d.checksums[staging!] &&
          d.checksums[prod] !== d.checksums[staging!],
      );
      if (onlyInProduction.length > 0) {
        problems.push(
          `${plural(
            onlyInProduction.length,
            'migration',
          )} applied in ${prod} but not in ${staging} (${ids(
            onlyInProduction.map(d => ({ id: d.migrationId })),
          )})`,
        );
      }
      if (mismatched.length > 0) {
        problems.push(
          `${plural(
            mismatched.length,
            'migration',
          )} applied with another checksum than in ${staging} (${ids(
            mismatched.map(d => ({ id: d.migrationId })),
          )})`,
        );
      }
    }
    if (problems.length > 0) {
      return fail(`${prod} has ${problems.join('; ')}.`);
    }
    let comparison = ` ${
      staging ?? 'No staging environment'
    } reports no migrations to compare with.`;
    if (stagingReported) {
      comparison =
        ahead > 0
          ? ` ${staging} is ${plural(ahead, 'migration')} ahead, on the way.`
          : ` ${staging} matches.`;
    }
    return pass(
      `${plural(
        production.applied.length,
        'migration',
      )} applied in ${prod}, none pending or failed.${comparison}`,
    );
  },
};
