// Smoke test: the home page and the login page render in French, hydrate, have a level-1
// heading and no automatically detectable accessibility violation (WCAG 2.1 A/AA).
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { gotoHydrated } from '../support/app';

for (const { path, label } of [
    { path: '/', label: 'accueil' },
    { path: '/connexion', label: 'connexion' },
]) {
    test(`${label} (${path}) hydrates, is in French and accessible`, async ({ page }) => {
        const response = await gotoHydrated(page, path);
        expect(response?.status(), `HTTP status of ${path}`).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expectNoA11yViolations(page, `${label} (${test.info().project.name})`);
    });
}
