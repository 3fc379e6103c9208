import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { fail, pass, unknown, when } from './phrasing';

/** Production declares a health URL and its newest check passed. */
export const productionHealthCheck: ReadinessCheck = {
  id: 'production-health',
  title: 'Production health check passing',
  description:
    'A health URL is declared for production (devops/health-url.<environment>) and its newest check passed.',
  async evaluate({ productionEnvironment: env, data }) {
    const health = (await data.health()).get(env);
    if (!health?.url) {
      return fail(
        `No health URL is declared for ${env}: add the devops/health-url.${env} annotation.`,
      );
    }
    const last = health.current;
    if (!last) {
      return unknown(`${health.url} has not been checked yet.`);
    }
    if (last.status === 'down') {
      const why =
        last.error ??
        (last.httpStatus ? `HTTP ${last.httpStatus}` : last.errorClass);
      return fail(
        `${health.url} failed its last check at ${when(last.checkedAt)}${
          why ? `: ${why}` : ''
        }.`,
      );
    }
    const slow = last.status === 'degraded' ? ', slower than expected' : '';
    return pass(
      `${health.url} answered${
        last.httpStatus ? ` HTTP ${last.httpStatus}` : ''
      } at ${when(last.checkedAt)}${
        last.latencyMs !== undefined ? ` in ${last.latencyMs} ms` : ''
      }${slow}.`,
    );
  },
};
