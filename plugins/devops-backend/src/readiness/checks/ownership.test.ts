import { contextFor } from '../../__testUtils__/readinessHistory';
import { ownershipCheck } from './ownership';

const entity = (spec: object) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec,
});

describe('ownership', () => {
  it('passes with an owner and a lifecycle', async () => {
    const result = await ownershipCheck.evaluate(
      contextFor({
        entity: entity({ owner: 'group:payments', lifecycle: 'production' }),
      }),
    );
    expect(result).toEqual({
      status: 'pass',
      fact: 'Owned by group:payments; lifecycle production.',
    });
  });

  it('fails naming what is missing', async () => {
    const noLifecycle = await ownershipCheck.evaluate(
      contextFor({ entity: entity({ owner: 'payments' }) }),
    );
    const neither = await ownershipCheck.evaluate(
      contextFor({ entity: entity({ type: 'service' }) }),
    );
    expect(noLifecycle).toEqual({
      status: 'fail',
      fact: 'The catalog entity has no spec.lifecycle.',
    });
    expect(neither.fact).toBe(
      'The catalog entity has no spec.owner and no spec.lifecycle.',
    );
  });
});
