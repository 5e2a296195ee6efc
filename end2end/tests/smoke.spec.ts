// Smoke test: the public pages render in French, hydrate, have a level-1
// heading and no automatically detectable accessibility violation (WCAG 2.1 A/AA).
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { gotoHydrated } from '../support/app';

for (const { path, label } of [
    { path: '/', label: 'accueil' },
    { path: '/connexion', label: 'connexion' },
    { path: '/aide', label: 'aide' },
    { path: '/contact', label: 'contact' },
    { path: '/mentions-legales', label: 'mentions légales' },
    { path: '/donnees-personnelles', label: 'données personnelles' },
    { path: '/accessibilite', label: 'accessibilité' },
    { path: '/mot-de-passe/oublie', label: 'mot de passe oublié' },
    { path: '/compte/creation', label: 'création sans demande en cours' },
]) {
    test(`${label} (${path}) hydrates, is in French and accessible`, async ({ page }) => {
        const response = await gotoHydrated(page, path);
        expect(response?.status(), `HTTP status of ${path}`).toBe(200);
        await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
        await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
        await expectNoA11yViolations(page, `${label} (${test.info().project.name})`);
    });
}

test('an unknown page answers 404 with a way back, accessibly', async ({ page }) => {
    const response = await gotoHydrated(page, '/nulle-part');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('main').getByRole('link', { name: /accueil/i })).toBeVisible();
    await expectNoA11yViolations(page, `404 (${test.info().project.name})`);
});

test('the health endpoint checks the database', async ({ request }) => {
    const response = await request.get('/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
});
