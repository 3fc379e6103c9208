import { createHash, randomUUID } from 'crypto';

/**
 * The idempotency key of a deployment report that brings none. A report that
 * names its start time is identified by environment, version and start, so
 * a retried report updates the same deployment; one without a start time
 * always records a new deployment.
 */
export function derivedExternalId(input: {
  environment: string;
  version: string;
  startedAt?: string;
}): string {
  if (!input.startedAt) {
    return `auto:${randomUUID()}`;
  }
  const hash = createHash('sha256')
    .update(`${input.environment}\n${input.version}\n${input.startedAt}`)
    .digest('hex')
    .slice(0, 32);
  return `auto:${hash}`;
}
