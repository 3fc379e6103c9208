import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { EntityReadiness } from '@backstage-devops/plugin-devops-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { DevopsApi, devopsApiRef } from '../../api';
import { CompactReadinessCard, ReadinessCard } from './ReadinessCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const readiness: EntityReadiness = {
  entityRef: 'component:default/payments-api',
  score: 67,
  passed: 2,
  failed: 1,
  unknown: 1,
  evaluatedAt: new Date().toISOString(),
  checks: [
    {
      id: 'has-owner',
      title: 'Has an owner',
      description: 'The entity names the team that answers for it.',
      status: 'pass',
      fact: 'Owned by group:default/payments',
    },
    {
      id: 'has-runbook',
      title: 'Links a runbook',
      description: 'On-call can find what to do when it alerts.',
      status: 'fail',
      fact: 'No link of type runbook',
    },
    {
      id: 'health-checked',
      title: 'Health is checked',
      description: 'A health URL is polled in production.',
      status: 'unknown',
      fact: 'Not polled yet',
    },
    {
      id: 'recent-deploy',
      title: 'Deployed recently',
      description: 'A successful production deployment in the last 30 days.',
      status: 'pass',
      fact: 'Last deployed 2 days ago',
    },
  ],
};

function renderCard(api: Partial<DevopsApi>, card = <ReadinessCard />) {
  return renderInTestApp(
    <TestApiProvider apis={[[devopsApiRef, api]]}>
      <EntityProvider entity={entity}>{card}</EntityProvider>
    </TestApiProvider>,
  );
}

describe('ReadinessCard', () => {
  it('shows every check with its status and fact, failures first, and the score', async () => {
    const asked: string[] = [];
    await renderCard({
      getReadiness: async ref => {
        asked.push(`${ref.kind}:${ref.namespace}/${ref.name}`);
        return readiness;
      },
    });

    const list = within(
      await screen.findByRole('list', { name: 'Readiness checks' }),
    );
    const items = list.getAllByRole('listitem');
    expect(items.map(i => i.getAttribute('aria-label'))).toEqual([
      'Links a runbook: fail',
      'Health is checked: unknown',
      'Has an owner: pass',
      'Deployed recently: pass',
    ]);
    expect(within(items[0]).getByText('Fail')).toBeInTheDocument();
    expect(
      within(items[0]).getByText('No link of type runbook'),
    ).toBeInTheDocument();
    expect(within(items[1]).getByText('Unknown')).toBeInTheDocument();
    expect(within(items[1]).getByText('Not polled yet')).toBeInTheDocument();
    expect(within(items[2]).getByText('Pass')).toBeInTheDocument();
    expect(
      within(items[2]).getByText('Owned by group:default/payments'),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('img', { name: 'Readiness score: 67%' }),
    ).toHaveTextContent('67%');
    expect(
      screen.getByText('2 passed · 1 failed · 1 unknown'),
    ).toBeInTheDocument();
    expect(asked).toEqual(['Component:default/payments-api']);
  });

  it('says the score is not known while no check could be decided', async () => {
    await renderCard({
      getReadiness: async () => ({
        ...readiness,
        score: undefined,
        passed: 0,
        failed: 0,
        unknown: 1,
        checks: [readiness.checks[2]],
      }),
    });

    expect(
      await screen.findByRole('img', {
        name: 'Readiness score: not scored yet',
      }),
    ).toHaveTextContent('Not scored yet');
    expect(screen.queryByText(/%/)).not.toBeInTheDocument();
  });

  it('explains where checks come from when none are configured', async () => {
    await renderCard({
      getReadiness: async () => ({
        ...readiness,
        score: undefined,
        passed: 0,
        failed: 0,
        unknown: 0,
        checks: [],
      }),
    });

    expect(
      await screen.findByText(/No readiness checks are configured/),
    ).toBeInTheDocument();
    expect(screen.getByText('devops.readiness.checks')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it("shows the backend's error", async () => {
    await renderCard({
      getReadiness: async () => {
        throw new Error('readiness evaluation failed: catalog unreachable');
      },
    });

    expect(
      (await screen.findAllByText(/catalog unreachable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('says plainly when the permission policy denies the entity', async () => {
    const denied = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'denied' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    await renderCard({
      getReadiness: async () => {
        throw denied;
      },
    });

    expect(
      await screen.findByText("You may not see this entity's DevOps data"),
    ).toBeInTheDocument();
  });

  it('compact, shows the score and what needs doing, the passing checks on demand', async () => {
    await renderCard(
      { getReadiness: async () => readiness },
      <CompactReadinessCard />,
    );

    const list = await screen.findByRole('list', { name: 'Readiness checks' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(i => i.getAttribute('aria-label')),
    ).toEqual(['Links a runbook: fail', 'Health is checked: unknown']);
    expect(
      screen.getByText('2 passed · 1 failed · 1 unknown'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Readiness score: 67%' }),
    ).toBeInTheDocument();

    const showAll = screen.getByRole('button', { name: 'Show all 4 checks' });
    expect(showAll).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(showAll);
    expect(within(list).getAllByRole('listitem')).toHaveLength(4);
    expect(
      screen.getByRole('button', { name: 'Show failing checks only' }),
    ).toHaveAttribute('aria-expanded', 'true');
  });
});
