/**
 * How production (and staging, which rehearses it) rolls out a new
 * version: `rolling` is a native Deployment; `blue-green` and `canary` are
 * Argo Rollouts, so the engine in the cluster promotes or aborts.
 */
export const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** The workload kind each strategy deploys, as `kubectl` names it. */
export const WORKLOAD_KIND: Record<Strategy, 'Deployment' | 'Rollout'> = {
  rolling: 'Deployment',
  'blue-green': 'Rollout',
  canary: 'Rollout',
};
