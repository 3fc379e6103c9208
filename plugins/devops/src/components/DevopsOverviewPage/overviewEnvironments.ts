import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';

/**
 * The overview's environment columns: the configured ones in promotion
 * order, then any other environment an entity reports (an entity's own
 * `devops/environments`, such as qa), in the order they first appear.
 */
export function overviewEnvironments(
  configured: string[],
  entries: OverviewEntry[],
): string[] {
  const columns = [...configured];
  for (const entry of entries) {
    for (const env of entry.environments) {
      if (!columns.includes(env.environment)) {
        columns.push(env.environment);
      }
    }
  }
  return columns;
}
