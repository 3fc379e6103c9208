/** The DevOps plugin's alert priorities, most urgent first. */
export type AlertPriority = 'P0' | 'P1' | 'P2' | 'P3';

/**
 * The `severity` label value each priority is written as. It is the inverse
 * of the DevOps backend's default `devops.alerts.severityMap`
 * (`{ critical: P0, high: P1, warning: P2, info: P3 }`), so a generated
 * alert shows on the entity page at the priority its rule was written for.
 */
export const SEVERITY_OF_PRIORITY: Record<AlertPriority, string> = {
  P0: 'critical',
  P1: 'high',
  P2: 'warning',
  P3: 'info',
};

/** Priorities that page a person; the rest only reach Backstage. */
export const PAGING_PRIORITIES: AlertPriority[] = ['P0', 'P1'];
