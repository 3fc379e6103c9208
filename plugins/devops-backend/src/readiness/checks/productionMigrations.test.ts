import { contextFor, migration } from '../../__testUtils__/readinessHistory';
import { productionMigrationsCheck } from './productionMigrations';

describe('production-migrations', () => {
  it('is unknown while production has not reported migrations', async () => {
    const result = await productionMigrationsCheck.evaluate(
      contextFor({ migrations: { staging: [migration('V1', 'applied')] } }),
    );
    expect(result).toEqual({
      status: 'unknown',
      fact: 'production has not reported any migrations.',
    });
  });

  it('passes when production is settled and staging matches or is ahead', async () => {
    const matches = await productionMigrationsCheck.evaluate(
      contextFor({
        migrations: {
          staging: [migration('V1', 'applied'), migration('V2', 'applied')],
          production: [migration('V1', 'applied'), migration('V2', 'applied')],
        },
      }),
    );
    const ahead = await productionMigrationsCheck.evaluate(
      contextFor({
        migrations: {
          staging: [migration('V1', 'applied'), migration('V2', 'applied')],
          production: [migration('V1', 'applied')],
        },
      }),
    );
    expect(matches).toEqual({
      status: 'pass',
      fact: '2 migrations applied in production, none pending or failed. staging matches.',
    });
    expect(ahead.status).toBe('pass');
    expect(ahead.fact).toMatch(/staging is 1 migration ahead, on the way\.$/);
  });

  it('fails on pending and failed migrations in production', async () => {
    const result = await productionMigrationsCheck.evaluate(
      contextFor({
        migrations: {
          production: [
            migration('V1', 'applied'),
            migration('V2', 'failed'),
            migration('V3', 'pending'),
          ],
        },
      }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: 'production has 1 failed migration (V2); 1 pending migration (V3).',
    });
  });

  it('fails on drift from staging: applied only in production, or another checksum', async () => {
    const result = await productionMigrationsCheck.evaluate(
      contextFor({
        migrations: {
          staging: [migration('V1', 'applied', 'aaa')],
          production: [
            migration('V1', 'applied', 'bbb'),
            migration('V2', 'applied'),
          ],
        },
      }),
    );
    expect(result).toEqual({
      status: 'fail',
      fact: 'production has 1 migration applied in production but not in staging (V2); 1 migration applied with another checksum than in staging (V1).',
    });
  });

  it('says so when staging has nothing to compare with', async () => {
    const result = await productionMigrationsCheck.evaluate(
      contextFor({ migrations: { production: [migration('V1', 'applied')] } }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: '1 migration applied in production, none pending or failed. staging reports no migrations to compare with.',
    });
  });
});
