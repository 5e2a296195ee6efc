// The administration of agents (issue 4) in both projects: the demo administrator follows the
// link of the queue's header, sees the form's errors, creates an agent, reads the temporary
// password shown once; the new agent logs in with it, must replace it, and lands on their
// prefecture's queue, without the administration link. Then a reset, with the keyboard alone: the
// old password stops working, the new one works and must be replaced too. Every state is checked
// with axe-core. The national administrator sees every prefecture's agents and the e-mails that
// could not be delivered.
import { expect, test, type Page } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { newBrowserPage } from '../support/agents';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const ADMIN = 'admin.palaiseau@demo.localhost';

async function agentLogin(page: Page, email: string, password: string): Promise<void> {
    await gotoHydrated(page, '/agent/connexion');
    await page.locator('#agent-email').fill(email);
    await page.locator('#agent-password').fill(password);
    await page.getByRole('button', { name: "S'identifier" }).click();
}

test('an administrator creates an agent, who logs in with the password shown once', async ({ page, browser }, testInfo) => {
    const email = `lucie.moreau.${projectName()}.${Date.now()}@interieur.gouv.fr`;
    const name = `Lucie Moreau ${projectName()}`;

    await agentLogin(page, ADMIN, 'Agent-2026!');
    await expect(page).toHaveURL(/\/agent$/);
    await waitForHydration(page);
    await page.getByRole('link', { name: 'Administration des agents' }).click();
    await expect(page).toHaveURL(/\/agent\/administration$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Administration des agents' })).toBeVisible();
    // Their own prefecture's agents only, and no national role to give.
    await expect(page.getByRole('cell', { name: 'agent.palaiseau@demo.localhost' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'agent.lille@demo.localhost' })).toHaveCount(0);
    await expect(page.getByLabel(/Administrateur national/)).toHaveCount(0);
    await expectNoA11yViolations(page, `agent administration (${projectName()})`);

    // Nothing typed: every field is listed, checked in the browser before sending.
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient des erreurs' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('link')).toHaveCount(3);
    await expectNoA11yViolations(page, `agent administration, errors (${projectName()})`);

    // A taken address is the server's answer, next to its field.
    await page.locator('#admin-email').fill('Agent.Lille@demo.localhost');
    await page.locator('#admin-display_name').fill(name);
    await page.locator('#admin-prefecture').selectOption('SP091-PAL');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.getByText('Un compte agent utilise déjà cette adresse électronique.').first()).toBeVisible();

    await page.locator('#admin-email').fill(email);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect(page.getByRole('heading', { name: `Le compte de ${name} (${email}) est créé.` })).toBeVisible();
    const password = (await page.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(password).toMatch(/^\S{12}$/);
    await expect(page.getByRole('row', { name: new RegExp(email.replace(/\./g, '\\.')) })).toBeVisible();
    await expect(page.locator('#admin-email')).toHaveValue('');
    await expectNoA11yViolations(page, `agent administration, created (${projectName()})`);

    // The new agent, in another browser: first their own password, then their prefecture's
    // queue, no administration.
    const agent = await newBrowserPage(browser, testInfo, 'new-agent');
    await agentLogin(agent, email, password);
    await replaceTemporaryPassword(agent, password, 'Lucie-Moreau-2026!');
    await expect(agent).toHaveURL(/\/agent$/);
    await expect(agent.getByRole('heading', { level: 1, name: 'Dossiers de la préfecture' })).toBeVisible();
    await expect(agent.getByText(`${name} – Sous-préfecture de Palaiseau`)).toBeVisible();
    await expect(agent.getByRole('link', { name: 'Administration des agents' })).toHaveCount(0);
    await gotoHydrated(agent, '/agent/administration');
    await expect(agent.getByText('Cette page est réservée aux administrateurs.')).toBeVisible();

    // A reset with the keyboard: the confirmation takes the focus, Enter confirms.
    const reset = page.getByRole('button', { name: `Réinitialiser le mot de passe – ${name}` });
    await reset.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: `Confirmer la réinitialisation – ${name}` });
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: new RegExp(`Le mot de passe de ${name} .* est réinitialisé`) })).toBeVisible();
    const renewed = (await page.getByTestId('temporary-password').textContent())?.trim() ?? '';
    expect(renewed).not.toBe(password);

    const again = await newBrowserPage(browser, testInfo, 'new-agent-again');
    await agentLogin(again, email, password);
    await expect(again.getByText('Identifiant ou mot de passe incorrect.')).toBeVisible();
    await again.locator('#agent-password').fill(renewed);
    await again.getByRole('button', { name: "S'identifier" }).click();
    await replaceTemporaryPassword(again, renewed, 'Lucie-Moreau-2027!');
    await expect(again).toHaveURL(/\/agent$/);
});

test('the national administrator sees every prefecture and the undelivered e-mails', async ({ page }) => {
    await agentLogin(page, 'admin.national@demo.localhost', 'Agent-2026!');
    await expect(page).toHaveURL(/\/agent$/);
    await gotoHydrated(page, '/agent/administration');
    await expect(page.getByRole('heading', { level: 1, name: 'Administration des agents' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'agent.lille@demo.localhost' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'agent.palaiseau@demo.localhost' })).toBeVisible();
    await expect(page.getByLabel(/Administrateur national/)).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'E-mails non distribués' })).toBeVisible();
    await expect(page.getByText(/non distribué\(s\) après trois jours d'essais/)).toBeVisible();
    await expectNoA11yViolations(page, `agent administration, national (${projectName()})`);
});

/** The agent logged in with a password an administrator issued: the back-office sends them to replace it first. */
async function replaceTemporaryPassword(page: Page, temporary: string, chosen: string): Promise<void> {
    await expect(page).toHaveURL(/\/agent\/mot-de-passe$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Modifier votre mot de passe' })).toBeVisible();
    await waitForHydration(page);
    await expectNoA11yViolations(page, `agent password change (${projectName()})`);
    await page.locator('#agent-change-current').fill(temporary);
    await page.locator('#agent-change-password').fill(chosen);
    await page.locator('#agent-change-password_confirmation').fill(chosen);
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();
    await expect(page).toHaveURL(/\/agent$/);
    await waitForHydration(page);
}
