// "Accéder à mon compte" (SPEC §2) in both projects: the user menu leads to the account page;
// the applicant declares a new address (the wizard's own checks, message next to the field),
// changes the e-mail address through the link sent to the new mailbox (the old one is told),
// and reads the resulting notification from the header bell. Then "Prouver ma situation": the
// title's renewal dates, the reminders' switch, a share code an employer checks on /verifier
// (a wrong date of birth shows nothing), its use listed and its revocation. Every page is
// checked with axe-core.
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { freshEmail } from '../support/accounts';
import { newBrowserPage } from '../support/agents';
import { actAsDistinctClient, gotoHydrated, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { DEMO_PASSWORD, loginAs, pickAddress, tick, type Applicant } from '../support/filing';
import { extractLink, waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

// Demo accounts no other journey uses (this one changes their address and e-mail).
const HOLDERS: Record<
    'desktop' | 'phone',
    Applicant & { menu: RegExp; birthName: string; fullName: string; born: [string, string, string]; nationality: string; expires: string }
> = {
    desktop: {
        numeroEtranger: '9205173846',
        email: 'ana-maria.constantinescu@demo.localhost',
        name: /CONSTANTINESCU/i,
        menu: /CONSTANTINESCU/i,
        birthName: 'Constantinescu',
        fullName: 'Ana-Maria CONSTANTINESCU',
        born: ['16', '05', '2010'],
        nationality: 'Roumanie',
        expires: '31/05/2028',
    },
    phone: {
        numeroEtranger: '1304728195',
        email: 'youssef.ait-benhaddou@demo.localhost',
        name: /AÏT BENHADDOU/i,
        menu: /AÏT BENHADDOU/i,
        birthName: 'Aït Benhaddou',
        fullName: 'Youssef AÏT BENHADDOU',
        born: ['12', '06', '1984'],
        nationality: 'Maroc',
        expires: '28/02/2027',
    },
};

/** The reminders the server's start-up pass has sent the holder: one (the latest threshold)
 * when the title expires within the 120 days of the renewal window. */
function startupReminders(expires: string): number {
    const [day, month, year] = expires.split('/').map(Number);
    const days = (Date.UTC(year, month - 1, day) - Date.now()) / 86_400_000;
    return days > -1 && days <= 120 ? 1 : 0;
}

test('the applicant updates the address and the e-mail from the account page, and reads the notification', async ({ page }) => {
    const who = HOLDERS[projectName()];
    const reminded = startupReminders(who.expires);
    await loginAs(page, who);

    // From the user menu.
    await openHeaderMenu(page);
    await page.getByRole('button', { name: who.menu }).click();
    await page.getByRole('link', { name: 'Accéder à mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.locator('.civil-status')).toContainText(who.birthName);
    await expect(page.getByText(`Notifications non lues : ${reminded}`)).toBeVisible();
    if (reminded) {
        await expect(page.getByRole('link', { name: /Votre titre de séjour expire bientôt/ })).toBeVisible();
    }
    await expect(page.getByText("Vous n'avez pas encore déposé de demande.")).toBeVisible();
    await expectNoA11yViolations(page, `account page (${projectName()})`);

    // A new address: checked like the wizard's, the message next to the field.
    await page.getByRole('button', { name: 'Modifier mon adresse ou mon téléphone' }).click();
    await page.locator('#f-adresse_voie').fill('');
    await page.locator('#f-telephone').fill('12345');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await expect(page.locator('#f-telephone-error')).toBeVisible();
    await expectNoA11yViolations(page, `account contact errors (${projectName()})`);
    // Picked by keyboard among the imported address base's suggestions (accents and case aside):
    // the fields are filled in.
    await pickAddress(page, '4 GLYCINES issy', '4 Rue des Glycines 92130 Issy-les-Moulineaux');
    await expect(page.locator('#f-adresse_voie')).toHaveValue('4 Rue des Glycines');
    await expect(page.locator('#f-adresse_code_postal')).toHaveValue('92130');
    await expect(page.locator('#f-adresse_commune')).toHaveValue('Issy-les-Moulineaux');
    await expect(page.locator('#f-adresse_code_insee')).toHaveValue('92040');
    await page.locator('#f-telephone').fill('06 98 76 54 32');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Votre adresse et votre téléphone sont enregistrés.')).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await expect(page.locator('#coordonnees')).toContainText('4 Rue des Glycines, 92130 Issy-les-Moulineaux');
    await expect(page.locator('#coordonnees')).toContainText('06 98 76 54 32');

    // A new e-mail address, effective once confirmed from the new mailbox.
    const newEmail = freshEmail('compte');
    await page.locator('#courriel-email').fill(newEmail);
    await page.locator('#courriel-email_confirmation').fill(`x${newEmail}`);
    await page.getByRole('button', { name: "Changer d'adresse électronique" }).click();
    await expect(page.locator('#courriel-email_confirmation-error')).toBeVisible();
    await page.locator('#courriel-email_confirmation').fill(newEmail);
    // The current password proves the owner is at the keyboard.
    await page.getByRole('button', { name: "Changer d'adresse électronique" }).click();
    await expect(page.locator('#courriel-current-error')).toBeVisible();
    await page.locator('#courriel-current').fill(DEMO_PASSWORD);
    const since = Date.now();
    await page.getByRole('button', { name: "Changer d'adresse électronique" }).click();
    await expect(page.getByText(`Un lien de confirmation a été envoyé à ${newEmail}.`)).toBeVisible();
    const mail = await waitForMail({ to: newEmail, subject: /Confirmez votre nouvelle adresse/, since });
    await page.goto(extractLink(mail.text, '/compte/courriel/confirmer'));
    await waitForHydration(page);
    await expectNoA11yViolations(page, `e-mail confirmation (${projectName()})`);
    await page.getByRole('button', { name: 'Confirmer ma nouvelle adresse' }).click();
    await expect(page.getByText(`C'est fait : l'adresse de votre compte est désormais ${newEmail}.`)).toBeVisible();
    await waitForMail({ to: who.email, subject: /a été modifiée/, since });

    // The bell counts the notification; reading everything empties it.
    await gotoHydrated(page, '/compte');
    await expect(page.locator('#courriel')).toContainText(newEmail);
    await openHeaderMenu(page);
    await page.getByRole('link', { name: `Notifications : ${reminded + 1} non lue(s)` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByRole('link', { name: /L'adresse électronique de votre compte a été modifiée/ })).toBeVisible();
    await expectNoA11yViolations(page, `notifications (${projectName()})`);
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await expect(page.getByText('Notifications non lues : 0')).toBeVisible();
    await openHeaderMenu(page);
    await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

    // In English too.
    await gotoHydrated(page, '/langue/en?retour=/compte');
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'My address and phone' })).toBeVisible();
});

test('the holder shares a code an employer checks on /verifier, then revokes it', async ({ page, browser }, testInfo) => {
    const who = HOLDERS[projectName()];
    await loginAs(page, who);
    // The filing area, the home page and the orientation page say when the title expires and
    // when to renew it.
    await expect(page.locator('.renewal-notice')).toContainText(`Votre titre expire le ${who.expires}`);
    for (const path of ['/', '/demarches/nouvelle']) {
        await gotoHydrated(page, path);
        await expect(page.locator('.renewal-notice')).toContainText(`Votre titre expire le ${who.expires}`);
    }
    await expectNoA11yViolations(page, `orientation with the renewal notice (${projectName()})`);

    await gotoHydrated(page, '/compte#preuves');
    const proofs = page.locator('#preuves');
    await expect(proofs.getByRole('heading', { level: 2, name: 'Prouver ma situation' })).toBeVisible();
    await expect(proofs.locator('.renewal-notice')).toContainText(who.expires);
    await expectNoA11yViolations(page, `proofs (${projectName()})`);

    // The reminders' switch answers at once, and is kept.
    const reminders = page.getByLabel(/Recevoir un rappel avant l'expiration de mon titre/);
    await expect(reminders).toBeChecked();
    await page.locator('label[for="rappels"]').click();
    await expect(proofs.getByText('Rappels désactivés.')).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByLabel(/Recevoir un rappel/)).not.toBeChecked();
    await tick(page, page.getByLabel(/Recevoir un rappel/));
    await expect(page.getByText('Rappels activés.')).toBeVisible();

    // A code needs a purpose; with one, it is shown.
    await page.getByRole('button', { name: 'Créer un code' }).click();
    await expect(page.locator('#partage-purpose-error')).toContainText('Ce champ est obligatoire.');
    await page.getByLabel('Pour qui ? *').selectOption('employeur');
    await page.getByRole('button', { name: 'Créer un code' }).click();
    const created = page.locator('.fr-alert--success .share-code strong');
    await expect(created).toHaveText(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
    const code = (await created.textContent()) ?? '';
    await expectNoA11yViolations(page, `share code created (${projectName()})`);

    // The employer, without an account, in another browser.
    const employer = await newBrowserPage(browser, testInfo, 'employer');
    await gotoHydrated(employer, '/verifier');
    await expect(employer.getByRole('heading', { level: 1, name: 'Vérifier une situation ou un document' })).toBeVisible();
    await expectNoA11yViolations(employer, `verifier (${projectName()})`);
    // Bad input is explained next to the field.
    await employer.getByLabel(/Code de partage/).fill('ABC-DEF-GH0');
    await employer.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await expect(employer.getByRole('alert').first()).toContainText('Code de partage');
    await expect(employer.getByRole('alert').first()).toContainText('Date de naissance de la personne');
    // A wrong date of birth shows nothing.
    await employer.getByLabel(/Code de partage/).fill(code.toLowerCase());
    await employer.locator('#verifier-birth_date').fill('01');
    await employer.locator('#verifier-birth_date-month').fill('01');
    await employer.locator('#verifier-birth_date-year').fill(who.born[2]);
    await employer.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await expect(employer.getByText(/Ce code n'est pas valide pour cette date de naissance/)).toBeVisible();
    // The right one shows the name, the nationality and the title, and nothing else.
    await employer.locator('#verifier-birth_date').fill(who.born[0]);
    await employer.locator('#verifier-birth_date-month').fill(who.born[1]);
    await employer.getByRole('button', { name: 'Vérifier', exact: true }).click();
    const result = employer.locator('.verify-result');
    await expect(result).toContainText(who.fullName);
    await expect(result).toContainText(who.nationality);
    await expect(result).toContainText(`valable jusqu'au ${who.expires}`);
    await expect(result).not.toContainText(who.email);
    await expectNoA11yViolations(employer, `verifier result (${projectName()})`);

    // The holder sees both uses (the page reloaded), and revokes the code.
    await page.reload();
    await waitForHydration(page);
    const row = page.getByRole('row', { name: new RegExp(code) });
    await expect(row).toContainText('Actif');
    await expect(row).toContainText('Employeur');
    await expect(row.locator('td').nth(5)).toContainText(/,/);
    await row.getByRole('button', { name: `Révoquer le code ${code}` }).click();
    await expect(page.getByRole('row', { name: new RegExp(code) })).toContainText('Révoqué');

    await employer.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await expect(employer.getByText(/Ce code n'est pas valide pour cette date de naissance/)).toBeVisible();
    await employer.context().close();
});
