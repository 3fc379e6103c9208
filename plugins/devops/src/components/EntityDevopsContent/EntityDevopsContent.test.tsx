import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { EntityDevopsContent } from './EntityDevopsContent';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

function renderContent(api: Partial<DevopsApi>, e: Entity) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={e}>
        <EntityDevopsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDevopsContent', () => {
  it('lists the configured environments in promotion order', async () => {
    await renderContent(
      {
        getEnvironments: async () => ({
          environments: ['development', 'staging', 'production'],
        }),
      },
      entity(),
    );

    const chips = await screen.findAllByText(
      /^(development|staging|production)$/,
    );
    expect(chips.map(c => c.textContent)).toEqual([
      'development',
      'staging',
      'production',
    ]);
  });

  it("uses the entity's own environments when annotated", async () => {
    await renderContent(
      { getEnvironments: async () => ({ environments: ['production'] }) },
      entity({ 'devops/environments': 'qa,live' }),
    );

    expect(await screen.findByText('qa')).toBeInTheDocument();
    expect(screen.getByText('live')).toBeInTheDocument();
    expect(screen.queryByText('production')).not.toBeInTheDocument();
  });

  it('shows the backend error to the reader', async () => {
    await renderContent(
      {
        getEnvironments: async () => {
          throw new Error('devops backend unreachable');
        },
      },
      entity(),
    );

    expect(
      (await screen.findAllByText(/devops backend unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText('Environments')).not.toBeInTheDocument();
  });
});
