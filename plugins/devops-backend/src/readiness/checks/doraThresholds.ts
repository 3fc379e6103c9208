import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { isFailure, outcomeOf } from './deploymentTimes';
import { duration, fail, pass, percent, unknown, when } from './phrasing';

/** Production's change failure rate over the window is within the limit. */
export const changeFailureRateCheck: ReadinessCheck = {
  id: 'change-failure-rate',
  title: 'Change failure rate within limit',
  description:
    'The share of production deployments in the window that failed or were rolled back is at most devops.readiness.thresholds.changeFailureRate.',
  async evaluate({ productionEnvironment: prod, data, thresholds }) {
    const { changeFailureRate } = await data.dora(prod);
    const { failed, total, rate } = changeFailureRate;
    const days = thresholds.windowDays;
    if (rate === undefined) {
      return unknown(
        `No deployment to ${prod} finished in the last ${days} days.`,
      );
    }
    const fact = `${failed} of ${total} deployments to ${prod} in the last ${days} days failed or were rolled back (${percent(
      rate,
    )}; the limit is ${percent(thresholds.changeFailureRate)}).`;
    return rate <= thresholds.changeFailureRate ? pass(fact) : fail(fact);
  },
};

/**
 * Production recovers from failed deployments within the limit: the median
 * time to restore over the window, and an incident still open, are within
 * devops.readiness.thresholds.timeToRestoreHours.
 */
export const timeToRestoreCheck: ReadinessCheck = {
  id: 'time-to-restore',
  title: 'Time to restore within limit',
  description:
    'The median time from a failed production deployment to the next successful one in the window, and any failure not yet restored, is within devops.readiness.thresholds.timeToRestoreHours.',
  async evaluate({ productionEnvironment: prod, data, thresholds, now }) {
    const [dora, deployments] = await Promise.all([
      data.dora(prod),
      data.deploymentsInWindow(prod),
    ]);
    const days = thresholds.windowDays;
    const limitSeconds = thresholds.timeToRestoreHours * 3600;
    const limit = duration(limitSeconds);
    if (dora.changeFailureRate.total === 0) {
      return unknown(
        `No deployment to ${prod} finished in the last ${days} days.`,
      );
    }
    const { count, medianSeconds, unrestored } = dora.timeToRestore;
    if (unrestored > 0) {
      // The open incident began at the first failure after the last success.
      const finished = deployments
        .filter(d => d.status === 'succeeded' || isFailure(d))
        .sort((a, b) => outcomeOf(a).localeCompare(outcomeOf(b)));
      const lastSuccess = finished.map(d => d.status).lastIndexOf('succeeded');
      const openedAt = outcomeOf(finished[lastSuccess + 1]);
      const open = (now.getTime() - Date.parse(openedAt)) / 1000;
      if (open > limitSeconds) {
        return fail(
          `${prod} has had no successful deployment since one failed at ${when(
            openedAt,
          )}, ${duration(open)} ago; the limit is ${limit}.`,
        );
      }
      if (count === 0) {
        return unknown(
          `A deployment to ${prod} failed at ${when(
            openedAt,
          )} and is not restored yet (${duration(
            open,
          )} ago, within the limit of ${limit}).`,
        );
      }
    }
    if (count === 0 || medianSeconds === undefined) {
      return pass(
        `No deployment to ${prod} failed in the last ${days} days, so there was nothing to restore.`,
      );
    }
    const fact = `The median time to restore ${prod} after a failed deployment was ${duration(
      medianSeconds,
    )} over ${count} incident${
      count === 1 ? '' : 's'
    } in the last ${days} days; the limit is ${limit}.`;
    return medianSeconds <= limitSeconds ? pass(fact) : fail(fact);
  },
};
