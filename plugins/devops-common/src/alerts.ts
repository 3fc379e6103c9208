import type { components } from './generated/openapi';

/**
 * Alert priority, from the `severity` label through the configured mapping
 * (by default critical → P0, high → P1, warning → P2, info → P3). The API
 * spec's `AlertSeverity` schema.
 *
 * @public
 */
export type AlertSeverity = components['schemas']['AlertSeverity'];

/**
 * Every alert priority, most urgent first: the order in which the entity
 * pages list and count alerts.
 *
 * @public
 */
export const ALERT_SEVERITIES: readonly AlertSeverity[] = [
  'P0',
  'P1',
  'P2',
  'P3',
];

/**
 * An alert from Prometheus Alertmanager, as the entity pages show it: the
 * API spec's `DevopsAlert` schema.
 *
 * @public
 */
export type DevopsAlert = components['schemas']['DevopsAlert'];

/**
 * Response of `GET /v1/entities/{kind}/{namespace}/{name}/alerts`: the API
 * spec's `EntityAlerts` schema.
 *
 * @public
 */
export type EntityAlerts = components['schemas']['EntityAlerts'];
