/**
 * Overrides the ordered list of environments for one entity, as a
 * comma-separated list (for example `dev, qa, prod`).
 *
 * @public
 */
export const ANNOTATION_DEVOPS_ENVIRONMENTS = 'devops/environments';

/**
 * Prefix of the per-environment health URL annotations, for example
 * `devops/health-url.staging: https://payments.staging.internal/healthz`.
 *
 * @public
 */
export const ANNOTATION_DEVOPS_HEALTH_URL_PREFIX = 'devops/health-url.';

/**
 * Expected HTTP status codes of a health check, for example `200,204` or `2xx`.
 *
 * @public
 */
export const ANNOTATION_DEVOPS_HEALTH_EXPECT = 'devops/health-expect';

/**
 * Prometheus label matchers that route Alertmanager alerts to the entity,
 * for example `service="payments",team="core"`.
 *
 * @public
 */
export const ANNOTATION_DEVOPS_ALERT_SELECTOR = 'devops/alert-selector';

/**
 * How often to check this entity's health URLs, for example `30s` or `2m`,
 * kept within the configured bounds.
 *
 * @public
 */
export const ANNOTATION_DEVOPS_HEALTH_INTERVAL = 'devops/health-interval';
