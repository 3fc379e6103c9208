import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Backstage DevOps backend plugin. */
  devops?: {
    /**
     * Environments in promotion order. An entity can override them with the
     * `devops/environments` annotation.
     * @visibility frontend
     */
    environments?: string[];
    health?: {
      /** Poll declared health URLs. Defaults to true. */
      enabled?: boolean;
      /** Default seconds between checks of one URL. Defaults to 60. */
      intervalSeconds?: number;
      /** Bounds for the `devops/health-interval` annotation. Default 10 and 3600. */
      minIntervalSeconds?: number;
      maxIntervalSeconds?: number;
      /** How often the poller looks for due checks, in seconds. Defaults to 10. */
      tickSeconds?: number;
      /** Per-check timeout in milliseconds, over the whole exchange. Defaults to 5000. */
      timeoutMs?: number;
      /** Answers slower than this count as degraded. Defaults to 2000. */
      degradedLatencyMs?: number;
      /** At most this much of a body is read. Defaults to 65536. */
      maxBodyBytes?: number;
      /** Redirects followed. Defaults to 3. */
      maxRedirects?: number;
      /** Checks in flight at once. Defaults to 20. */
      concurrency?: number;
      /** Days of history kept. Defaults to 14. */
      retentionDays?: number;
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
      /** Days resolved alerts stay visible. Defaults to 7. */
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
        /** Seconds between pulls. Defaults to 60. */
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
       * Seconds a computed overview row is served again before it is
       * recomputed; deployments and migration reports recorded by this
       * process refresh their entity's rows at once. 0 computes every row
       * on every request. Defaults to 10.
       */
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
