import type { AlertRuleOptions } from './alertOptions';
import { PAGING_PRIORITIES, SEVERITY_OF_PRIORITY } from './severity';

/** Where the routing sends notifications, and the secrets it reads. */
export interface AlertRoutingOptions {
  /** Base URL of the Backstage backend that hosts the DevOps plugin. */
  backstageUrl: string;
  /**
   * File holding the bearer token of the DevOps plugin's external access
   * (a Secret mounted into Alertmanager).
   */
  backstageTokenFile: string;
  /** File holding the team's PagerDuty Events v2 routing key. */
  pagerRoutingKeyFile: string;
  /** PagerDuty's events endpoint; other PagerDuty-compatible pagers work too. */
  pagerUrl?: string;
}

const mountedSecret = (secret: string, key: string) =>
  `/etc/alertmanager/secrets/${secret}/${key}`;

/** Defaults for an Alertmanager run by the Prometheus operator. */
export function defaultRoutingFiles(team: string) {
  return {
    backstageTokenFile: mountedSecret('backstage-devops-token', 'token'),
    pagerRoutingKeyFile: mountedSecret(`${team}-pagerduty`, 'routing-key'),
  };
}

/**
 * The service's Alertmanager routing: its alerts (matched by
 * `backstage_entity`) grouped by alert name and entity; P0 and P1 page the
 * team and continue; every alert, resolutions included, goes to the DevOps
 * plugin's webhook. A complete configuration so `amtool check-config`
 * checks it; `route.routes[0]` and the two receivers are what to merge
 * into a shared Alertmanager.
 */
export function alertmanagerRouting(
  o: AlertRuleOptions,
  routing: AlertRoutingOptions,
) {
  const pager = `${o.team}-pager`;
  const backstage = 'backstage-devops';
  const paging = PAGING_PRIORITIES.map(p => SEVERITY_OF_PRIORITY[p]).join('|');
  return {
    route: {
      receiver: backstage,
      group_by: ['alertname', 'backstage_entity'],
      routes: [
        {
          matchers: [`backstage_entity="${o.entityRef}"`],
          receiver: backstage,
          group_by: ['alertname', 'backstage_entity'],
          group_wait: '30s',
          group_interval: '5m',
          repeat_interval: '4h',
          routes: [
            {
              matchers: [`severity=~"${paging}"`],
              receiver: pager,
              continue: true,
            },
            { receiver: backstage },
          ],
        },
      ],
    },
    receivers: [
      {
        name: pager,
        pagerduty_configs: [
          {
            routing_key_file: routing.pagerRoutingKeyFile,
            ...(routing.pagerUrl ? { url: routing.pagerUrl } : {}),
            send_resolved: true,
          },
        ],
      },
      {
        name: backstage,
        webhook_configs: [
          {
            url: `${routing.backstageUrl.replace(
              /\/+$/,
              '',
            )}/api/devops/v1/alerts/alertmanager`,
            send_resolved: true,
            http_config: {
              authorization: {
                type: 'Bearer',
                credentials_file: routing.backstageTokenFile,
              },
            },
          },
        ],
      },
    ],
  };
}
