import {
  DEFAULT_DEVOPS_ENVIRONMENTS,
  getEntityEnvironments,
  parseEnvironmentList,
} from './environments';

describe('parseEnvironmentList', () => {
  it('keeps promotion order and drops blanks, repeats and bad names', () => {
    expect(
      parseEnvironmentList(' QA, dev ,,qa, prod, bad name, prod '),
    ).toEqual(['qa', 'dev', 'prod']);
  });
});

describe('getEntityEnvironments', () => {
  it('uses the configured list when the entity has no annotation', () => {
    expect(getEntityEnvironments({ metadata: { name: 'a' } })).toEqual([
      ...DEFAULT_DEVOPS_ENVIRONMENTS,
    ]);
    expect(
      getEntityEnvironments({ metadata: { name: 'a' } }, ['test', 'live']),
    ).toEqual(['test', 'live']);
  });

  it('prefers the entity annotation', () => {
    expect(
      getEntityEnvironments(
        {
          metadata: {
            name: 'a',
            annotations: { 'devops/environments': 'dev, qa, prod' },
          },
        },
        ['test', 'live'],
      ),
    ).toEqual(['dev', 'qa', 'prod']);
  });

  it('falls back when the annotation names nothing usable', () => {
    expect(
      getEntityEnvironments(
        {
          metadata: {
            name: 'a',
            annotations: { 'devops/environments': ' , ' },
          },
        },
        ['live'],
      ),
    ).toEqual(['live']);
  });
});
