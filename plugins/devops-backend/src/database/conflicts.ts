/**
 * A unique or primary key violation: another writer stored the same
 * deployment or migration revision first. Callers re-read and retry.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY'
  );
}

/** Thrown inside a transaction when an optimistic update lost a race. */
export class ConcurrentUpdateError extends Error {
  constructor() {
    super('Concurrent update, retrying');
    this.name = 'ConcurrentUpdateError';
  }
}

/**
 * Runs `fn` again when it lost a race to a concurrent writer; the store
 * functions are written so that a re-run sees the winner's row and merges.
 */
export async function retryOnConflict<T>(
  fn: () => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const retryable =
        error instanceof ConcurrentUpdateError || isUniqueViolation(error);
      if (!retryable || attempt >= attempts) {
        throw error;
      }
    }
  }
}
