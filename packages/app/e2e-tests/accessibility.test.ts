import { test, expect, Page } from '@playwright/test';
import {
  auditDevopsAccessibility,
  expectNoSeriousViolations,
  type Theme,
  useTheme,
} from './accessibility';
import { signInAsGuest } from './signInAsGuest';

// The widths the issue asks every view to be readable at.
const WIDTHS = [1280, 1440];

async function screenshots(page: Page, name: string) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    // Backstage scrolls its content area, not the document, so a full-page
    // picture needs a window as tall as that content.
    const height = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('main, main *')]
          .filter(e => e.scrollHeight > e.clientHeight)
          .map(e => e.scrollHeight),
        900,
      ),
    );
    await page.setViewportSize({ width, height: Math.min(height, 6000) });
    await page.screenshot({
      path: `test-results/e2e/${name}-${width}.png`,
      fullPage: true,
    });
  }
}

/** The entity's DevOps tab, every card loaded. */
async function openDevopsTab(page: Page) {
  await page.goto('/catalog/default/component/payments-api/devops');
  // payments-api declares health URLs for staging and production.
  const production = page.getByRole('region', { name: 'Health of production' });
  await expect(
    production.getByRole('img', {
      name: /^[\d.]+% up, (no|\d+) failures? in the last \d+ h/,
    }),
  ).toBeVisible();
  await expect(
    production.getByRole('img', { name: /^Latency over the last \d+ h, p50/ }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: /^Health of / })).toHaveCount(
    2,
  );
  await expect(
    page.getByRole('heading', { name: 'Alerts', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('table').filter({ hasText: 'Pipeline' }).locator('tbody tr'),
  ).not.toHaveCount(0);
  await expect(
    page.getByRole('region', { name: 'Deployment frequency' }),
  ).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Readiness checks' }),
  ).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

/** The entity's Overview tab with our deployments and readiness cards. */
async function openOverviewTab(page: Page) {
  await page.goto('/catalog/default/component/payments-api');
  await expect(
    page.getByRole('region', { name: /^Environment / }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Readiness score: / }),
  ).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

/** The DevOps overview page across services. */
async function openDevopsOverview(page: Page) {
  await page.goto('/devops');
  const table = page.getByRole('table').filter({ hasText: 'Readiness' });
  await expect(
    table.getByRole('link', { name: 'payments-api', exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
}

const views: Array<{ name: string; open: (page: Page) => Promise<void> }> = [
  { name: 'devops-tab', open: openDevopsTab },
  { name: 'overview-tab', open: openOverviewTab },
  { name: 'devops-overview', open: openDevopsOverview },
];

for (const theme of ['light', 'dark'] as Theme[]) {
  for (const view of views) {
    test(`${view.name} in the ${theme} theme has no serious or critical axe violation in our components`, async ({
      page,
    }, testInfo) => {
      await useTheme(page, theme);
      await signInAsGuest(page);
      await page.setViewportSize({ width: 1440, height: 900 });
      await view.open(page);

      const findings = await auditDevopsAccessibility(
        page,
        testInfo,
        `${view.name}-${theme}`,
      );
      await screenshots(page, `${view.name}-${theme}`);
      expectNoSeriousViolations(findings);
    });
  }
}
