// "Accéder à mon compte" (SPEC §2) in both projects: the user menu leads to the account page;
// the applicant declares a new address (the wizard's own checks, message next to the field),
// changes the e-mail address through the link sent to the new mailbox (the old one is told),
// and reads the resulting notification from the header bell. Every page is checked with axe-core.
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { freshEmail } from '../support/accounts';
import { actAsDistinctClient, gotoHydrated, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { DEMO_PASSWORD, loginAs, type Applicant } from '../support/filing';
import { extractLink, waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

// Demo accounts no other journey uses (this one changes their address and e-mail).
const HOLDERS: Record<'desktop' | 'phone', Applicant & { menu: RegExp; birthName: string }> = {
    desktop: {
        numeroEtranger: '9205173846',
        email: 'ana-maria.constantinescu@demo.localhost',
        name: /CONSTANTINESCU/i,
        menu: /CONSTANTINESCU/i,
        birthName: 'Constantinescu',
    },
    phone: {
        numeroEtranger: '1304728195',
        email: 'youssef.ait-benhaddou@demo.localhost',
        name: /AÏT BENHADDOU/i,
        menu: /AÏT BENHADDOU/i,
        birthName: 'Aït Benhaddou',
    },
};

test('the applicant updates the address and the e-mail from the account page, and reads the notification', async ({ page }) => {
    const who = HOLDERS[projectName()];
    await loginAs(page, who);

    // From the user menu.
    await openHeaderMenu(page);
    await page.getByRole('button', { name: who.menu }).click();
    await page.getByRole('link', { name: 'Accéder à mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mon compte' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.locator('.civil-status')).toContainText(who.birthName);
    await expect(page.getByText('Notifications non lues : 0')).toBeVisible();
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
    await page.locator('#f-adresse_voie').fill('5 place de la Mairie');
    await page.locator('#f-adresse_code_postal').fill('92130');
    await page.locator('#f-adresse_commune').fill('Issy-les-Moulineaux');
    await page.locator('#f-adresse_code_insee').fill('92040');
    await page.locator('#f-telephone').fill('06 98 76 54 32');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByText('Votre adresse et votre téléphone sont enregistrés.')).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await expect(page.locator('#coordonnees')).toContainText('5 place de la Mairie, 92130 Issy-les-Moulineaux');
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
    await page.getByRole('link', { name: 'Notifications : 1 non lue(s)' }).click();
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
