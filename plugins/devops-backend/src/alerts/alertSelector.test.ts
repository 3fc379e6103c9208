import { alertBelongsTo, parseAlertSelector } from './alertSelector';

const entity = {
  entityRef: 'component:default/payments-api',
  name: 'payments-api',
};

describe('parseAlertSelector', () => {
  it('reads Prometheus label matchers', () => {
    expect(
      parseAlertSelector('{service="payments", team=~"core|pay", env!="dev"}'),
    ).toEqual([
      { name: 'service', op: '=', value: 'payments' },
      { name: 'team', op: '=~', value: 'core|pay' },
      { name: 'env', op: '!=', value: 'dev' },
    ]);
  });

  it('refuses what is not a selector', () => {
    expect(parseAlertSelector('service=payments')).toBeUndefined();
    expect(parseAlertSelector('')).toBeUndefined();
  });
});

describe('alertBelongsTo', () => {
  it('uses the selector when the entity declares one, anchored like Prometheus', () => {
    const selector = parseAlertSelector('service="payments",team=~"core|pay"');
    const target = { ...entity, selector };
    expect(alertBelongsTo({ service: 'payments', team: 'pay' }, target)).toBe(
      true,
    );
    expect(
      alertBelongsTo({ service: 'payments', team: 'payments' }, target),
    ).toBe(false);
    expect(
      alertBelongsTo({ service: 'payments-api', team: 'core' }, target),
    ).toBe(false);
  });

  it('falls back to the backstage_entity label, then the service label', () => {
    expect(
      alertBelongsTo(
        { backstage_entity: 'component:default/payments-api' },
        entity,
      ),
    ).toBe(true);
    expect(
      alertBelongsTo({ backstage_entity: 'Component:payments-api' }, entity),
    ).toBe(true);
    expect(
      alertBelongsTo(
        {
          backstage_entity: 'component:default/other',
          service: 'payments-api',
        },
        entity,
      ),
    ).toBe(false);
    expect(alertBelongsTo({ service: 'payments-api' }, entity)).toBe(true);
    expect(alertBelongsTo({ service: 'ledger' }, entity)).toBe(false);
  });
});
