import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Backstage DevOps backend plugin. */
  devops?: {
    /**
     * Environments in promotion order. An entity can override them with the
     * `devops/environments` annotation. The frontend gets them from the
     * backend's `/v1/environments`, not from config.
     */
    environments?: string[];
    health?: {
      /** Poll declared health URLs. Defaults to true. */
      enabled?: boolean;
      /**
       * Time between checks of one URL, as a duration such as
       * `{ seconds: 60 }`, `60s` or `PT1M`. Defaults to one minute.
       */
      interval?: HumanDuration | string;
      /**
       * Shortest interval the `devops/health-interval` annotation may ask
       * for. Defaults to 10 seconds.
       */
      minInterval?: HumanDuration | string;
      /**
       * Longest interval the `devops/health-interval` annotation may ask
       * for. Defaults to one hour.
       */
      maxInterval?: HumanDuration | string;
      /** How often the poller looks for due checks. Defaults to 10 seconds. */
      tickInterval?: HumanDuration | string;
      /** Per-check timeout, over the whole exchange. Defaults to 5 seconds. */
      timeout?: HumanDuration | string;
      /** Answers slower than this count as degraded. Defaults to 2 seconds. */
      degradedLatency?: HumanDuration | string;
      /** How long check history is kept. Defaults to 14 days. */
      retention?: HumanDuration | string;
      /** @deprecated Use `interval`. Seconds between checks of one URL. */
      intervalSeconds?: number;
      /** @deprecated Use `minInterval`. */
      minIntervalSeconds?: number;
      /** @deprecated Use `maxInterval`. */
      maxIntervalSeconds?: number;
      /** @deprecated Use `tickInterval`. */
      tickSeconds?: number;
      /** @deprecated Use `timeout`. Milliseconds. */
      timeoutMs?: number;
      /** @deprecated Use `degradedLatency`. Milliseconds. */
      degradedLatencyMs?: number;
      /** @deprecated Use `retention`. */
      retentionDays?: number;
      /** At most this much of a body is read. Defaults to 65536. */
      maxBodyBytes?: number;
      /** Redirects followed. Defaults to 3. */
      maxRedirects?: number;
      /** Checks in flight at once. Defaults to 20. */
      concurrency?: number;
      /**
       * What the poller may contact. Host name patterns match label by
       * label, `*` standing for one whole label (`*.example.com`) or for
       * characters within one label (`payments-*.example.com`). IP addresses
       * and CIDR ranges (`10.20.0.0/16`, `fd12::/16`) allow IP literal URLs
       * in them and exempt their addresses from the deny list. Every address
       * a name resolves to must be public (not loopback, private, link-local
       * or unique-local, also in IPv4-mapped form) unless its range is listed
       * here, and the request goes to the address that was checked.
       * Unset: the poller does not start, and says so in the log.
       */
      allowedHosts?: string[];
      /**
       * Honour the `devops/health-body-contains` annotation. Defaults to
       * false: it lets whoever edits an entity learn whether a response
       * contains a chosen string.
       */
      allowBodyChecks?: boolean;
    };
    alerts?: {
      /**
       * Alertmanager `severity` label values to priorities, merged over the
       * default critical: P0, high: P1, warning: P2, info: P3.
       */
      severityMap?: { [severity: string]: 'P0' | 'P1' | 'P2' | 'P3' };
      /** How long resolved alerts stay listed. Defaults to 7 days. */
      resolvedWindow?: HumanDuration | string;
      /** @deprecated Use `resolvedWindow`. */
      resolvedWindowDays?: number;
      /**
       * Resolved alerts kept at most, newest first; older ones (and those
       * past both the resolved window and the readiness window) are pruned
       * hourly. Firing alerts are never pruned. Defaults to 5000.
       */
      maxResolvedAlerts?: number;
      /**
       * Resolved alerts kept per entity, as their `backstage_entity` (else
       * `service`) label names it, newest first. Defaults to 200.
       */
      maxResolvedAlertsPerEntity?: number;
      alertmanager?: {
        /** Pull active alerts from this Alertmanager's API v2 as well. */
        baseUrl: string;
        /**
         * Time between pulls, at least a second. Defaults to one minute.
         * The source counts as stale after three intervals without a
         * successful pull.
         */
        syncInterval?: HumanDuration | string;
        /** @deprecated Use `syncInterval`. */
        syncIntervalSeconds?: number;
      };
    };
    readiness?: {
      /**
       * Switch checks off by id, built-in or added by a module, e.g.
       * `checks: { rollback-path: { enabled: false } }`. All run by default.
       */
      checks?: {
        [checkId: string]: {
          enabled?: boolean;
        };
      };
      thresholds?: {
        /** Highest acceptable change failure rate in production, 0–1. Defaults to 0.15. */
        changeFailureRate?: number;
        /** Longest acceptable median time to restore production, in hours. Defaults to 24. */
        timeToRestoreHours?: number;
        /** Days of history the checks and the overview's DORA figures cover, 1–365. Defaults to 30. */
        windowDays?: number;
      };
      /**
       * The environment treated as production; an entity without it uses
       * its last environment. Defaults to production.
       */
      productionEnvironment?: string;
      /**
       * The environment treated as staging; an entity without it uses the
       * environment before production. Defaults to staging.
       */
      stagingEnvironment?: string;
    };
    overview?: {
      /**
       * How long a computed overview row is served again before it is
       * recomputed; deployments and migration reports recorded by this
       * process refresh their entity's rows at once. Zero computes every
       * row on every request. Defaults to 10 seconds.
       */
      cacheTtl?: HumanDuration | string;
      /** @deprecated Use `cacheTtl`. */
      cacheSeconds?: number;
    };
    ingestion?: {
      /**
       * Reject pushed deployments and migration reports for entities that are
       * not in the catalog (404). Defaults to true.
       */
      requireCatalogEntity?: boolean;
      /**
       * How far in the future a reported time (startedAt, finishedAt,
       * commitTime, appliedAt, an alert's startsAt) may lie, for clock skew
       * between CI runners and the backend; later ones are refused with 400.
       * A duration such as `{ minutes: 5 }`, `PT5M` or `5m`. Defaults to 5
       * minutes.
       */
      maxClockSkew?: HumanDuration | string;
      /**
       * Entity kinds deployments and migration reports may be recorded for.
       * Defaults to Component and Resource.
       */
      entityKinds?: string[];
    };
  };
}
