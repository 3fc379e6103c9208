import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { outcomeOf, startOf } from './deploymentTimes';
import { fail, pass, plural, unknown, when } from './phrasing';

/** The newest production deployment succeeded. */
export const lastProductionDeploymentCheck: ReadinessCheck = {
  id: 'last-production-deployment',
  title: 'Last production deployment succeeded',
  description: 'The newest deployment to production finished successfully.',
  async evaluate({ productionEnvironment: prod, data }) {
    const newest = (await data.latestDeployments()).get(prod)?.latest;
    if (!newest) {
      return unknown(`Nothing has been deployed to ${prod} yet.`);
    }
    const by = newest.actor ? ` by ${newest.actor}` : '';
    switch (newest.status) {
      case 'succeeded':
        return pass(
          `${newest.version} was deployed to ${prod} at ${when(
            outcomeOf(newest),
          )}${by}.`,
        );
      case 'queued':
      case 'in_progress':
        return unknown(
          `${
            newest.version
          } is being deployed to ${prod} (${newest.status.replace(
            '_',
            ' ',
          )} since ${when(startOf(newest))}).`,
        );
      default:
        return fail(
          `The newest deployment to ${prod}, ${newest.version} at ${when(
            outcomeOf(newest),
          )}${by}, ${
            newest.status === 'rolled_back'
              ? 'was rolled back'
              : `ended ${newest.status}`
          }.`,
        );
    }
  },
};

/**
 * Production has shown it can go back: a successful rollback, or a
 * successful redeploy of a version it had already run, within the window.
 */
export const rollbackPathCheck: ReadinessCheck = {
  id: 'rollback-path',
  title: 'Rollback path shown',
  description:
    'Within the window production saw a successful rollback, or a successful redeploy of a version it had run before.',
  async evaluate({ productionEnvironment: prod, data, thresholds }) {
    const deployments = await data.deploymentsInWindow(prod);
    if (deployments.length === 0) {
      return unknown(
        `Nothing was deployed to ${prod} in the last ${thresholds.windowDays} days.`,
      );
    }
    const succeeded = deployments.filter(d => d.status === 'succeeded');
    const rollback = [...succeeded].reverse().find(d => d.rollbackOf);
    if (rollback) {
      return pass(
        `${rollback.version} rolled back deployment ${
          rollback.rollbackOf
        } in ${prod} at ${when(outcomeOf(rollback))}.`,
      );
    }
    let previous: string | undefined;
    let wentBack: { version: string; from: string; at: string } | undefined;
    const seen = new Set<string>();
    for (const d of succeeded) {
      if (
        previous !== undefined &&
        d.version !== previous &&
        seen.has(d.version)
      ) {
        wentBack = { version: d.version, from: previous, at: outcomeOf(d) };
      }
      seen.add(d.version);
      previous = d.version;
    }
    if (wentBack) {
      return pass(
        `${prod} went back from ${wentBack.from} to ${
          wentBack.version
        } at ${when(wentBack.at)}.`,
      );
    }
    return fail(
      `None of the ${plural(
        deployments.length,
        'deployment',
      )} to ${prod} in the last ${
        thresholds.windowDays
      } days was a rollback or a redeploy of an earlier version; practise one so the way back is known to work.`,
    );
  },
};
