import devopsPlugin from './alpha';
import * as legacy from './index';

// Apps written against the card's former names keep working.
describe('the environments card', () => {
  it('is exported as EntityEnvironmentsCard, and still as EntityDeploymentsCard', () => {
    expect(legacy.EntityEnvironmentsCard).toBeDefined();
    expect(legacy.EntityDeploymentsCard).toBe(legacy.EntityEnvironmentsCard);
  });

  it('keeps its extension id in the new frontend system', () => {
    expect(
      devopsPlugin.getExtension('entity-card:devops/deployments'),
    ).toBeDefined();
  });
});
