/**
 * Thresholds of the generated alert rules. The defaults are the figures of
 * the practices the golden path follows (error rate above 1 %, p95 above
 * 1 s, CPU above 80 % for 5 minutes, memory above 90 %, less than 20 % disk
 * free); where those give no figure, the default says so in the README.
 */
export interface AlertThresholds {
  /** Share of 5xx answers, in percent, above which HighErrorRate fires. */
  errorRatePercent: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  /** CPU use against the container's CPU limit, in percent. */
  cpuPercent: number;
  /** Working set against the container's memory limit, in percent. */
  memoryPercent: number;
  /** Free space of a persistent volume, in percent, below which it alerts. */
  diskFreePercent: number;
  /** Container restarts in 15 minutes above which FrequentRestarts fires. */
  restartsPer15m: number;
  certExpiryDays: number;
  dbSlowQueryMs: number;
  /** Days without a new production release before the P3 reminder. */
  deploymentGapDays: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  errorRatePercent: 1,
  latencyP95Ms: 1000,
  latencyP99Ms: 2500,
  cpuPercent: 80,
  memoryPercent: 90,
  diskFreePercent: 20,
  restartsPer15m: 3,
  certExpiryDays: 14,
  dbSlowQueryMs: 500,
  deploymentGapDays: 14,
};

/** What the rules of one service are generated from. */
export interface AlertRuleOptions {
  /** Prometheus job, container, HorizontalPodAutoscaler and namespace prefix. */
  service: string;
  entityRef: string;
  /** Value of the `team` label: the owner's name, which the routing pages. */
  team: string;
  /** The runbook page; each rule links to `<runbookUrl>#<alert in lower case>`. */
  runbookUrl: string;
  /** Environments, deployed to the namespaces `<service>-<environment>`. */
  environments: string[];
  /** The environment whose releases the deployment-frequency rule watches. */
  productionEnvironment: string;
  hasDatabase: boolean;
  /**
   * The pipeline runs database migrations and pushes each run's result to a
   * Pushgateway (`.devops/record-migration-run.sh`).
   */
  hasMigrations: boolean;
  /** The service mounts PersistentVolumeClaims named `<service>-*`. */
  hasStorage: boolean;
  /**
   * A URL the blackbox exporter probes (the production health endpoint);
   * the health and, for https, certificate rules need it.
   */
  probeUrl?: string;
  thresholds: AlertThresholds;
}
