import type { OverviewEntry } from '@backstage-devops/plugin-devops-common';

const MAX_ENTITIES = 20_000;

type HeldRow = { until: number; row: Promise<OverviewEntry> };

/**
 * Keeps computed overview rows for a few seconds. A row costs a readiness
 * evaluation and several reads, and a dashboard's first page is asked for
 * over and over; rows hold nothing caller-specific (who may see which row is
 * decided per request before this cache is asked), so every caller shares
 * them. Concurrent requests for a row that is being computed wait for the
 * same computation. With `ttlMs` 0 nothing is kept.
 *
 * Rows are grouped by entity because every recorded deployment or migration
 * report forgets its entity's rows: that is on the ingestion path and must
 * not walk the whole cache.
 */
export class OverviewEntryCache {
  private readonly entities = new Map<string, Map<string, HeldRow>>();

  constructor(private readonly ttlMs: number) {}

  /** The row held fresh (or being computed) for the entity and variant. */
  peek(entityRef: string, variant: string): Promise<OverviewEntry> | undefined {
    const held = this.entities.get(entityRef)?.get(variant);
    return held && held.until > Date.now() ? held.row : undefined;
  }

  /** Keeps a row being computed, so concurrent requests share it. */
  put(
    entityRef: string,
    variant: string,
    row: Promise<OverviewEntry>,
  ): Promise<OverviewEntry> {
    if (this.ttlMs <= 0) {
      return row;
    }
    let variants = this.entities.get(entityRef);
    if (!variants) {
      if (this.entities.size >= MAX_ENTITIES) {
        // Maps iterate in insertion order: drop the oldest entity.
        const oldest = this.entities.keys().next().value;
        if (oldest !== undefined) {
          this.entities.delete(oldest);
        }
      }
      variants = new Map();
      this.entities.set(entityRef, variants);
    }
    const held = { until: Date.now() + this.ttlMs, row };
    variants.set(variant, held);
    row.catch(() => {
      // Only this computation's row: a newer one may have replaced it.
      if (this.entities.get(entityRef)?.get(variant) === held) {
        this.entities.get(entityRef)!.delete(variant);
      }
    });
    return row;
  }

  /** Forgets an entity's rows, after this process recorded data for it. */
  forget(entityRef: string) {
    this.entities.delete(entityRef);
  }
}
