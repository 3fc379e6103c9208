import { test, expect, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

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

  // Alerts, migrations and DORA from the demo history.
  // ledger-worker declares no health URL: no health is made up for it.
  await expect(
    page.getByText(/^No health checks\. Declare a URL/),
  ).toBeVisible();
  // The alert's own heading; the readiness card may name it in a fact too.
  await expect(
    page.getByRole('heading', { name: 'HighLatencyP95' }),
  ).toBeVisible();
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

test('the DevOps overview shows every example service, filters, sorts, exports and links to its DevOps tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  // The services × environments table is wide; give it a desktop screen.
  await page.setViewportSize({ width: 1680, height: 1000 });

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'DevOps overview' })
    .click();
  await expect(page).toHaveURL(/\/devops$/);
  await expect(
    page.getByRole('heading', { name: 'DevOps overview' }),
  ).toBeVisible();

  const table = page.getByRole('table').filter({ hasText: 'Readiness' });
  const services = table.locator('tbody tr').getByRole('link');
  for (const name of [
    'checkout-web',
    'fraud-scoring',
    'ledger-worker',
    'payments-api',
  ]) {
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('status')).toHaveText(
    /^Showing \d+ of \d+ services$/,
  );

  // The demo history gives payments-api a running version, a health state,
  // a readiness score and DORA figures.
  const payments = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('link', { name: 'payments-api' }) });
  await expect(payments.getByText(/^1\.\d+\.\d+$/).first()).toBeVisible();
  await expect(
    payments.getByText(/^(Up|Degraded|Down|Not checked)$/).first(),
  ).toBeVisible();
  await expect(payments.getByText(/^(\d+%|Not scored)$/)).toBeVisible();
  await expect(
    payments.getByText(/ pass · \d+ fail · \d+ unknown$/),
  ).toBeVisible();
  await expect(payments.getByText(/deploys\/day$/)).toBeVisible();

  // Filtering by lifecycle asks the backend and leaves the experimental one.
  const filters = page.getByRole('group', { name: 'Overview filters' });
  await filters.getByRole('button', { name: 'Lifecycle' }).click();
  await page.getByRole('option', { name: 'experimental' }).click();
  await expect(table.getByRole('link', { name: 'payments-api' })).toHaveCount(
    0,
  );
  await expect(
    table.getByRole('link', { name: 'fraud-scoring', exact: true }),
  ).toBeVisible();
  const lifecycles = table
    .locator('tbody tr')
    .getByRole('cell', { name: /^(production|experimental)$/ });
  await expect(lifecycles.first()).toBeVisible();
  expect(new Set(await lifecycles.allTextContents())).toEqual(
    new Set(['experimental']),
  );
  await filters.getByRole('button', { name: 'Lifecycle' }).click();
  await page.getByRole('option', { name: 'All lifecycles' }).click();
  await expect(table.getByRole('link', { name: 'payments-api' })).toBeVisible();

  // Sorting by service name, descending, then exporting what is shown.
  await table.getByRole('button', { name: 'Service' }).click();
  const shown = await services.allTextContents();
  expect(shown).toEqual([...shown].sort().reverse());
  await page.screenshot({
    path: 'test-results/e2e/devops-overview.png',
    fullPage: true,
  });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('devops-overview.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^Service,Entity,Owner,System,Lifecycle,/);
  expect(lines.slice(1).map(line => line.split(',')[0])).toEqual(shown);

  // Each service links into its entity's DevOps tab.
  await table.getByRole('link', { name: 'payments-api' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/devops$/,
  );
  await expect(page.getByText('Deployment history')).toBeVisible();
});

test("an example service's readiness card shows each check with its status and fact", async ({
  page,
}) => {
  await signInAsGuest(page);

  // On the entity's Overview tab, as an entity card.
  await page.goto('/catalog/default/component/payments-api');
  const checks = page.getByRole('list', { name: 'Readiness checks' });
  await expect(checks).toBeVisible();
  // Beside the stock cards it lists what needs doing; the rest on demand.
  for (const label of await checks
    .getByRole('listitem')
    .evaluateAll(els => els.map(el => el.getAttribute('aria-label')))) {
    expect(label).toMatch(/: (fail|unknown)$/);
  }
  await page.getByRole('button', { name: /^Show all \d+ checks$/ }).click();
  const items = checks.getByRole('listitem');
  expect(await items.count()).toBeGreaterThan(3);
  for (const label of await items.evaluateAll(els =>
    els.map(el => el.getAttribute('aria-label')),
  )) {
    expect(label).toMatch(/: (pass|fail|unknown)$/);
  }
  // payments-api names its owner and lifecycle in the catalog.
  const ownership = checks.getByRole('listitem', {
    name: 'Owner and lifecycle set: pass',
  });
  await expect(ownership).toBeVisible();
  await expect(
    ownership.getByText('Owned by payments; lifecycle production.'),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Readiness score: (\d+%|not scored yet)$/ }),
  ).toBeVisible();
  await expect(
    page.getByText(/^\d+ passed · \d+ failed · \d+ unknown$/),
  ).toBeVisible();
  await checks.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: 'test-results/e2e/readiness-card.png',
    fullPage: true,
  });

  // And on the DevOps tab.
  await page.getByRole('link', { name: 'DevOps', exact: true }).click();
  await expect(
    page
      .getByRole('list', { name: 'Readiness checks' })
      .getByRole('listitem', { name: 'Owner and lifecycle set: pass' }),
  ).toBeVisible();
});
