import type { ReadinessCheck } from '@backstage-devops/plugin-devops-node';
import { fail, pass } from './phrasing';

/** The catalog says who owns the entity and what stage of life it is in. */
export const ownershipCheck: ReadinessCheck = {
  id: 'ownership',
  title: 'Owner and lifecycle set',
  description: 'The catalog entity names an owner and a lifecycle.',
  async evaluate({ entity }) {
    const owner = entity.spec?.owner;
    const lifecycle = entity.spec?.lifecycle;
    const missing = [
      ...(typeof owner === 'string' && owner ? [] : ['spec.owner']),
      ...(typeof lifecycle === 'string' && lifecycle ? [] : ['spec.lifecycle']),
    ];
    if (missing.length > 0) {
      return fail(`The catalog entity has no ${missing.join(' and no ')}.`);
    }
    return pass(`Owned by ${owner}; lifecycle ${lifecycle}.`);
  },
};
