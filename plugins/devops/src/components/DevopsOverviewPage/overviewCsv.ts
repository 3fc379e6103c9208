import type {
  AlertSeverity,
  OverviewEntry,
} from '@backstage-devops/plugin-devops-common';
import { type CsvCell, formatCsv } from './formatCsv';
import { serviceName } from './overviewSort';

const SEVERITIES: AlertSeverity[] = ['P0', 'P1', 'P2', 'P3'];

/**
 * The overview table as CSV, one line per entry in the order given (the
 * order on screen) and the same environment columns, with the raw figures
 * behind the chips so the file can be sorted and summed in a spreadsheet.
 */
export function overviewCsv(
  entries: OverviewEntry[],
  environments: string[],
): string {
  const header: CsvCell[] = [
    'Service',
    'Entity',
    'Owner',
    'System',
    'Lifecycle',
    ...environments.flatMap(env => [
      `${env} version`,
      `${env} health`,
      `${env} latest deployment`,
      `${env} deployed at`,
    ]),
    ...SEVERITIES.map(s => `Firing ${s}`),
    'Readiness score',
    'Checks passed',
    'Checks failed',
    'Checks unknown',
    'DORA environment',
    'DORA days',
    'Deployments per day',
    'Deployment frequency band',
    'Lead time band',
    'Change failure rate band',
    'Time to restore band',
  ];
  const rows = entries.map((entry): CsvCell[] => [
    serviceName(entry),
    entry.entityRef,
    entry.owner,
    entry.system,
    entry.lifecycle,
    ...environments.flatMap(name => {
      const env = entry.environments.find(e => e.environment === name);
      return [
        env?.runningVersion,
        env?.health,
        env?.latestStatus,
        env?.lastDeployedAt,
      ];
    }),
    ...SEVERITIES.map(s => entry.firingAlerts[s]),
    entry.readiness.score,
    entry.readiness.passed,
    entry.readiness.failed,
    entry.readiness.unknown,
    entry.dora.environment,
    entry.dora.days,
    entry.dora.deploymentsPerDay,
    entry.dora.bands.deploymentFrequency,
    entry.dora.bands.leadTime,
    entry.dora.bands.changeFailureRate,
    entry.dora.bands.timeToRestore,
  ]);
  return formatCsv([header, ...rows]);
}
