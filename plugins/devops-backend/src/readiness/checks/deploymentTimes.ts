import type { Deployment } from '@backstage-devops/plugin-devops-common';

/** When a deployment began: its start, else when it was first reported. */
export const startOf = (d: Deployment) => d.startedAt ?? d.createdAt;

/** When a deployment reached its outcome: finish, else start, else receipt. */
export const outcomeOf = (d: Deployment) =>
  d.finishedAt ?? d.startedAt ?? d.createdAt;

export const isFailure = (d: Deployment) =>
  d.status === 'failed' || d.status === 'rolled_back';
