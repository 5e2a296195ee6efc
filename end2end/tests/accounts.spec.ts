// The account journeys of SPEC §2, in both projects (desktop 1280 px, phone 360 px): account
// creation through the e-mail link for a title holder and for a visa holder, refused documents,
// the password rule, the forgotten password, and an account creation with the keyboard alone.
// Every page visited is checked with axe-core.
import { expect, test, type Page } from '@playwright/test';

import {
    FORGETFUL,
    STRONG_PASSWORD,
    VISA_HOLDERS,
    fillDate,
    freshEmail,
    login,
    logout,
    submitDocument,
    submitEmailAndReadLink,
    titleHolder,
} from '../support/accounts';
import { expectNoA11yViolations } from '../support/a11y';
import { actAsDistinctClient, gotoHydrated, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { extractLink, waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

test('a title holder creates an account through the e-mail link, logs in and logs out', async ({ page }) => {
    const holder = titleHolder('signup');
    const email = freshEmail('titulaire');

    await gotoHydrated(page, '/connexion');
    await expectNoA11yViolations(page, `login (${projectName()})`);
    await submitDocument(page, holder);
    const link = await submitEmailAndReadLink(page, email);

    await gotoHydrated(page, link);
    await expect(page.getByRole('heading', { level: 1, name: 'Activation de votre compte' })).toBeVisible();
    await expect(page.getByText(`Votre identifiant de connexion est votre numéro étranger : ${holder.numeroEtranger}`)).toBeVisible();
    await expectNoA11yViolations(page, `password creation (${projectName()})`);
    await page.locator('#activation-password').fill(STRONG_PASSWORD);
    await page.locator('#activation-password_confirmation').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Créer mon mot de passe' }).click();
    await expect(page.getByText('Votre compte a bien été créé.')).toBeVisible();
    await expectNoA11yViolations(page, `account created (${projectName()})`);

    // The link is single-use.
    await gotoHydrated(page, link);
    await expect(page.getByText('Ce lien n\u2019est plus valide').or(page.getByText("Ce lien n'est plus valide"))).toBeVisible();

    await gotoHydrated(page, '/connexion');
    await login(page, holder.numeroEtranger, STRONG_PASSWORD);
    await expect(page).toHaveURL(/\/demarches$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Mes démarches' })).toBeVisible();
    await expect(page.getByText(/Bienvenue .*NGUY|Bienvenue .*DIALLO/)).toBeVisible();
    await expectNoA11yViolations(page, `my applications (${projectName()})`);
    // Home, logged in: the tile leads to the account, not to creating one.
    await gotoHydrated(page, '/');
    await expect(page.locator('.home-tile a', { hasText: 'Mon compte' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Je crée mon compte' })).toHaveCount(0);

    await logout(page, /NGUY|DIALLO/);
    // Logged out: the header offers to log in again (inside the menu on a phone).
    await expect(page.locator('header a[href="/connexion"]', { hasText: 'Se connecter' }).first()).toBeAttached();
    // The session is gone on the server: the protected page sends back to the login page.
    await page.goto('/demarches');
    await expect(page).toHaveURL(/\/connexion/);
});

test('a visa holder validates the e-mail and reaches the filing area', async ({ page }) => {
    const visa = VISA_HOLDERS[projectName()];
    const email = freshEmail('visa');

    await gotoHydrated(page, '/connexion');
    await submitDocument(page, visa);
    const link = await submitEmailAndReadLink(page, email);

    await gotoHydrated(page, link);
    await expect(page.getByText('Confirmez votre adresse électronique pour accéder au dépôt')).toBeVisible();
    await expectNoA11yViolations(page, `visa confirmation (${projectName()})`);
    await page.getByRole('button', { name: 'Confirmer mon adresse et déposer ma demande' }).click();
    // Seed 003: straight to the page to file an application.
    await expect(page).toHaveURL(/\/demarches\/nouvelle$/);
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Je demande ou renouvelle un titre de séjour' })).toBeVisible();
    await expectNoA11yViolations(page, `visa holder's orientation (${projectName()})`);
    // "Mes démarches" says how the visa holder is logged in.
    await gotoHydrated(page, '/demarches');
    await expect(page.getByText('Vous êtes connecté avec votre visa')).toBeVisible();
    await expectNoA11yViolations(page, `visa holder's applications (${projectName()})`);
});

test('wrong validity dates get one generic message, impossible dates a specific one', async ({ page }) => {
    const holder = titleHolder('weakPassword');
    await gotoHydrated(page, '/connexion');

    await submitDocument(page, { ...holder, to: [holder.to[0], holder.to[1], holder.to[2] + 1] });
    const generic = page.getByRole('alert').filter({ hasText: "Nous n'avons pas pu vérifier ces informations." });
    await expect(generic).toBeVisible();
    await expect(page).toHaveURL(/\/connexion$/);
    // Nothing typed is lost.
    await expect(page.locator('#signup-number')).toHaveValue(holder.number);
    await expectNoA11yViolations(page, `document refused (${projectName()})`);

    // An unknown number gets exactly the same message.
    await page.locator('#signup-number').fill('9900000001');
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await expect(generic).toBeVisible();

    // A date that does not exist is caught in the browser, next to the field.
    await fillDate(page, 'signup-valid_from', [31, 2, 2025]);
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await expect(page.getByRole('link', { name: /Date de début de validité : Cette date n'existe pas/ })).toBeVisible();
    await expect(page.locator('#signup-valid_from')).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page, `impossible date (${projectName()})`);
});

test('a weak password is refused with the rule shown, in the browser and on the server', async ({ page }) => {
    const holder = titleHolder('weakPassword');
    await gotoHydrated(page, '/connexion');
    await submitDocument(page, holder);
    const link = await submitEmailAndReadLink(page, freshEmail('faible'));
    await gotoHydrated(page, link);

    await page.locator('#activation-password').fill('motdepasse');
    // The live checklist says which rules are not met yet.
    await expect(page.getByText('Votre mot de passe doit contenir :')).toBeVisible();
    await expect(page.locator('.fr-message--info').filter({ hasText: 'au moins une lettre majuscule' })).toBeVisible();
    await expect(page.locator('.fr-message--valid').filter({ hasText: 'au moins une lettre minuscule' })).toBeVisible();
    await page.locator('#activation-password_confirmation').fill('motdepasse');
    await page.getByRole('button', { name: 'Créer mon mot de passe' }).click();
    await expect(page.getByRole('alert')).toContainText('Le mot de passe doit contenir au moins une lettre majuscule.');
    await expectNoA11yViolations(page, `weak password (${projectName()})`);

    // The server applies the same rule to a request that skips the browser's check.
    const token = new URL(link).searchParams.get('jeton') ?? '';
    const response = await page.request.post('/api/activation/password', {
        form: { token, password: 'motdepasse', password_confirmation: 'motdepasse' },
        headers: { Origin: new URL(page.url()).origin },
    });
    expect(response.status()).toBe(422);
    expect(await response.text()).toMatch(/uppercase/i);

    // The link is still usable: a strong password is accepted.
    await page.locator('#activation-password').fill(STRONG_PASSWORD);
    await page.locator('#activation-password_confirmation').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Créer mon mot de passe' }).click();
    await expect(page.getByText('Votre compte a bien été créé.')).toBeVisible();
});

test('a forgotten password is replaced through a single-use link', async ({ page }) => {
    const account = FORGETFUL[projectName()];
    await gotoHydrated(page, '/connexion');
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
    await waitForHydration(page);
    await expectNoA11yViolations(page, `forgotten password (${projectName()})`);

    // An unknown identifier gets the same answer as a known one.
    await page.locator('#forgot-identifier').fill('1234567890');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(page.getByText('Demande prise en compte')).toBeVisible();
    const unknownAnswer = await page.locator('main').innerText();

    await gotoHydrated(page, '/mot-de-passe/oublie');
    const since = Date.now();
    await page.locator('#forgot-identifier').fill(account.numeroEtranger);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(page.getByText('Demande prise en compte')).toBeVisible();
    expect(await page.locator('main').innerText()).toBe(unknownAnswer);
    await expectNoA11yViolations(page, `reset requested (${projectName()})`);

    const mail = await waitForMail({ to: account.email, subject: /nouveau mot de passe/, since });
    const link = extractLink(mail.text, '/mot-de-passe/reinitialiser');
    await gotoHydrated(page, link);
    await expectNoA11yViolations(page, `new password (${projectName()})`);
    await page.locator('#reset-password').fill(STRONG_PASSWORD);
    await page.locator('#reset-password_confirmation').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await expect(page.getByText('Votre mot de passe a été modifié.')).toBeVisible();

    // The old password no longer works, the new one does.
    await gotoHydrated(page, '/connexion');
    await login(page, account.numeroEtranger, 'Demo-2026!');
    await expect(page.getByRole('alert')).toContainText('Identifiant ou mot de passe incorrect.');
    await login(page, account.numeroEtranger, STRONG_PASSWORD);
    await expect(page).toHaveURL(/\/demarches$/);
});

/** Presses Tab until the element matching `selector` has the focus (keyboard-only navigation). */
async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
    for (let i = 0; i < maxPresses; i++) {
        if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press('Tab');
    }
    throw new Error(`${selector} never got the focus after ${maxPresses} presses of Tab`);
}

async function typeDate(page: Page, [day, month, year]: [number, number, number]): Promise<void> {
    await page.keyboard.type(String(day));
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(month));
    await page.keyboard.press('Tab');
    await page.keyboard.type(String(year));
}

test('an account is created with the keyboard alone', async ({ page }) => {
    test.skip(projectName() === 'phone', 'keyboard use is a desktop journey; the phone project runs the other journeys');
    const holder = titleHolder('keyboard');
    const email = freshEmail('clavier');

    await gotoHydrated(page, '/');
    // The skip link is the first stop of the keyboard.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Contenu', exact: true })).toBeFocused();

    await tabTo(page, '.fr-header__tools-links a[href="/connexion"]');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/connexion$/);
    await waitForHydration(page);

    await tabTo(page, '#signup-number');
    await page.keyboard.type(holder.number);
    await tabTo(page, '#signup-valid_from');
    await typeDate(page, holder.from);
    await page.keyboard.press('Tab');
    await typeDate(page, holder.to);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/compte\/creation$/);
    await tabTo(page, '#signup-email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    const since = Date.now();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Demande de création de compte bien enregistrée.')).toBeVisible();

    const mail = await waitForMail({ to: email, subject: /Confirmez votre adresse/, since });
    await gotoHydrated(page, extractLink(mail.text, '/compte/activation'));
    await tabTo(page, '#activation-password');
    await page.keyboard.type(STRONG_PASSWORD);
    await tabTo(page, '#activation-password_confirmation');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Votre compte a bien été créé.')).toBeVisible();

    await tabTo(page, 'main a.fr-btn[href="/connexion"]');
    await page.keyboard.press('Enter');
    await waitForHydration(page);
    await tabTo(page, '#login-identifier');
    await page.keyboard.type(holder.numeroEtranger);
    await tabTo(page, '#login-password');
    await page.keyboard.type(STRONG_PASSWORD);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/demarches$/);
});

test('the pages switch to English and back, with messages in English', async ({ page }) => {
    await gotoHydrated(page, '/connexion');
    await openHeaderMenu(page);
    await page.getByRole('link', { name: 'Switch the language to English' }).click();
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await page.getByRole('button', { name: 'Create an account' }).click();
    await expect(page.getByRole('alert')).toContainText('The form contains errors');
    await expect(page.getByRole('link', { name: /Number of your visa or residence permit : This field is required\./ })).toBeVisible();
    await expectNoA11yViolations(page, `login in English (${projectName()})`);

    await openHeaderMenu(page);
    await page.getByRole('link', { name: 'Passer le site en français' }).click();
    await waitForHydration(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
});
