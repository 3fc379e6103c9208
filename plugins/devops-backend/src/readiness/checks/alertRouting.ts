import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { fail, pass, plural, unknown, when } from './phrasing';

/** Alerts reach the service: a selector is declared, or alerts were seen. */
export const alertRoutingCheck: ReadinessCheck = {
  id: 'alert-routing',
  title: 'Alerts routed to the service',
  description:
    'The entity declares a devops/alert-selector, or Alertmanager alerts reached it within the window.',
  async evaluate({ alertSelector, data, thresholds }) {
    if (alertSelector?.valid) {
      return pass(
        `Alerts are routed by the selector ${alertSelector.declared}.`,
      );
    }
    if (alertSelector) {
      return fail(
        `The devops/alert-selector annotation "${alertSelector.declared}" is not a valid list of label matchers like service="payments".`,
      );
    }
    const alerts = await data.alerts();
    if (alerts.length > 0) {
      const newest = [...alerts].sort((a, b) =>
        b.startsAt.localeCompare(a.startsAt),
      )[0];
      return pass(
        `${plural(alerts.length, 'alert')} reached this service in the last ${
          thresholds.windowDays
        } days, the newest ${newest.alertname ?? newest.fingerprint} at ${when(
          newest.startsAt,
        )}.`,
      );
    }
    if (!(await data.alertSource()).everReceived) {
      return unknown(
        'Alertmanager has not sent the DevOps plugin any alert yet, so routing cannot be judged; declaring devops/alert-selector settles it.',
      );
    }
    return fail(
      `No alert reached this service in the last ${thresholds.windowDays} days and it declares no devops/alert-selector.`,
    );
  },
};
