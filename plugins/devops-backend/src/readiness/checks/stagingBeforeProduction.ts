import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { outcomeOf, startOf } from './deploymentTimes';
import { duration, fail, pass, unknown, when } from './phrasing';

/** The version in production went through staging first. */
export const stagingBeforeProductionCheck: ReadinessCheck = {
  id: 'staging-before-production',
  title: 'Staging received the production version first',
  description:
    'A staging environment exists and the version now running in production was deployed there successfully before production.',
  async evaluate({
    productionEnvironment: prod,
    stagingEnvironment: staging,
    data,
  }) {
    const running = (await data.latestDeployments()).get(prod)?.latestSucceeded;
    if (!staging) {
      return fail(
        `There is no environment before ${prod} to stage releases in; add one (for example staging) to the environments.`,
      );
    }
    if (!running) {
      return unknown(`Nothing has been deployed successfully to ${prod} yet.`);
    }
    const { version } = running;
    const [staged, firstInProduction] = await Promise.all([
      data.firstSuccessfulDeployment(staging, version),
      data.firstSuccessfulDeployment(prod, version),
    ]);
    const productionStart = startOf(firstInProduction ?? running);
    if (!staged) {
      return fail(
        `${version}, running in ${prod}, was never deployed successfully to ${staging}.`,
      );
    }
    const stagedAt = outcomeOf(staged);
    if (stagedAt > productionStart) {
      return fail(
        `${version} reached ${staging} at ${when(
          stagedAt,
        )}, after ${prod} started deploying it at ${when(productionStart)}.`,
      );
    }
    const lead = (Date.parse(productionStart) - Date.parse(stagedAt)) / 1000;
    return pass(
      `${version} reached ${staging} at ${when(stagedAt)}, ${duration(
        lead,
      )} before ${prod}.`,
    );
  },
};
