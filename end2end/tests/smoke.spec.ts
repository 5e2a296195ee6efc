// Smoke test: the public pages render in French, hydrate, have a level-1
// heading and no automatically detectable accessibility violation (WCAG 2.1 A/AA).
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { gotoHydrated, waitForHydration } from '../support/app';

for (const { path, label } of [
    { path: '/', label: 'accueil' },
    { path: '/connexion', label: 'connexion' },
    { path: '/aide', label: 'aide' },
    { path: '/aide/mon-cas', label: 'dans quel cas suis-je' },
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

test('the login page leads to the case the visitor is in, by keyboard', async ({ page }) => {
    await gotoHydrated(page, '/connexion');
    await page.getByRole('link', { name: /Vérifiez le cas dans lequel vous vous trouvez/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dans quel cas suis-je ?' })).toBeVisible();
    await waitForHydration(page);
    // Not sure, with a visa: create the account from the visa.
    await page.locator('#compte-incertain').focus();
    await page.keyboard.press('Space');
    await page.locator('#document-visa').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('.which-case')).toContainText('Créez votre compte avec votre visa');
    await expect(page.locator('.which-case')).toContainText('deux courriels');
    await expectNoA11yViolations(page, `which case, visa (${test.info().project.name})`);
    // A receipt: no online procedure; an account: log in.
    await page.locator('#document-autre').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('.which-case')).toContainText('Pas de démarche en ligne');
    await page.locator('#compte-oui').focus();
    await page.keyboard.press('Space');
    await expect(page.locator('#document-titre')).toHaveCount(0);
    await page.locator('.which-case').getByRole('link', { name: "S'identifier" }).click();
    await expect(page).toHaveURL(/\/connexion$/);
});

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
