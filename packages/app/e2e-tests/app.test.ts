import { test, expect, Page } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test('a guest signs in and finds the example services in the catalog', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  for (const name of ['payments-api', 'checkout-web', 'ledger-worker']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({
    path: 'test-results/e2e/catalog.png',
    fullPage: true,
  });
});

test('an example service has a DevOps tab filled with its demo history', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/ledger-worker');
  await page.getByRole('link', { name: 'DevOps', exact: true }).click();

  // One column per environment, in the entity's own promotion order, each
  // running a version from the demo history.
  const columns = page.getByRole('region', { name: /^Environment / });
  await expect(columns).toHaveCount(3);
  await expect(columns.nth(0)).toHaveAccessibleName('Environment qa');
  await expect(columns.nth(1)).toHaveAccessibleName('Environment staging');
  await expect(columns.nth(2)).toHaveAccessibleName('Environment production');
  for (let i = 0; i < 3; i++) {
    await expect(columns.nth(i).getByText(/^1\.\d+\.\d+$/)).toBeVisible();
  }

  // The history lists deployments and filters them by status.
  await expect(page.getByText('Deployment history')).toBeVisible();
  const history = page.getByRole('table').filter({ hasText: 'Pipeline' });
  await expect(
    history.getByRole('link', { name: /^Run/ }).first(),
  ).toBeVisible();
  await page
    .getByRole('group', { name: 'Filters' })
    .getByRole('button', { name: 'Status' })
    .click();
  await page.getByRole('option', { name: 'failed' }).click();
  const statuses = history
    .locator('tbody tr')
    .getByText('Failed', { exact: true });
  await expect(statuses.first()).toBeVisible();
  await expect(history.getByText('Succeeded', { exact: true })).toHaveCount(0);

  // Health, alerts, migrations and DORA from the demo history.
  const production = page.getByRole('region', { name: 'Health of production' });
  await expect(production.getByText(/% uptime$/)).toBeVisible();
  await expect(
    production.getByRole('img', { name: 'Uptime over the window' }),
  ).toBeVisible();
  await expect(page.getByText('HighLatencyP95')).toBeVisible();
  await expect(page.getByText('P0: 0 · P1: 0 · P2: 1 · P3: 0')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Migrations per environment' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Drift' })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Deployment frequency' })
      .getByText(/ \/ week$/),
  ).toBeVisible();

  await page.screenshot({
    path: 'test-results/e2e/devops-tab.png',
    fullPage: true,
  });
});
