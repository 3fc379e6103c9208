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

test('an example service has a DevOps tab with its environments', async ({
  page,
}) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/component/ledger-worker');
  await page.getByRole('link', { name: 'DevOps', exact: true }).click();

  await expect(
    page.getByText('Deployments of ledger-worker are promoted in this order:'),
  ).toBeVisible();
  await expect(page.locator('.MuiChip-label')).toHaveText([
    'qa',
    'staging',
    'production',
  ]);
  await page.screenshot({
    path: 'test-results/e2e/devops-tab.png',
    fullPage: true,
  });
});
