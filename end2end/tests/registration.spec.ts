// A visa holder's account proper (SPEC §2, §6): the visa holder opens the service with the
// e-mail link and files an application; the agent of the competent prefecture registers them
// in AGDREF from the file; the applicant receives two e-mails (identifier, temporary password),
// logs in with the new numéro étranger, is made to change the password, and finds the file in
// "Mes démarches". Every new page is checked with axe-core.
import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { agentPage } from '../support/agents';
import { freshEmail, login, submitDocument, submitEmailAndReadLink, type Document } from '../support/accounts';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { fileStudentApplication } from '../support/filing';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

/** Seeded VLS-TS without a numéro étranger that no other journey uses, one per project, with
 * the address filed and the agent of the prefecture that receives it. */
const JOURNEYS: Record<
    'desktop' | 'phone',
    { visa: Document; address: Record<string, string>; agent: string; prefix: string }
> = {
    desktop: {
        visa: { number: 'FRA261227519', from: [10, 9, 2026], to: [9, 9, 2027] },
        address: { adresse_voie: '5 avenue de la République', adresse_code_postal: '91120', adresse_commune: 'Palaiseau', adresse_code_insee: '91477' },
        agent: 'agent.palaiseau@demo.localhost',
        prefix: '91',
    },
    phone: {
        visa: { number: 'FRA261318604', from: [15, 9, 2026], to: [14, 9, 2027] },
        address: { adresse_voie: '3 rue du Dôme', adresse_code_postal: '67000', adresse_commune: 'Strasbourg', adresse_code_insee: '67482' },
        agent: 'agent.strasbourg@demo.localhost',
        prefix: '67',
    },
};

const NEW_PASSWORD = 'Enregistre-2026!';

test('an agent registers a visa holder in AGDREF, who logs in with the numéro étranger and a new password', async ({ page, browser }, testInfo) => {
    const journey = JOURNEYS[projectName()];
    const email = freshEmail('agdref');

    // The visa holder opens the service with the e-mail link and files a student application.
    await gotoHydrated(page, '/connexion');
    await submitDocument(page, journey.visa);
    const link = await submitEmailAndReadLink(page, email);
    await gotoHydrated(page, link);
    await page.getByRole('button', { name: 'Confirmer mon adresse et déposer ma demande' }).click();
    await expect(page).toHaveURL(/\/demarches\/nouvelle$/);
    await gotoHydrated(page, '/demarches');
    const number = await fileStudentApplication(
        page,
        { other: /En tant qu'étudiant/ },
        { date_entree: '2026-09-12', telephone: '07 98 76 54 32', ...journey.address },
    );

    // The agent opens the file: no numéro étranger yet, so the registration is offered.
    const agent = await agentPage(browser, testInfo, journey.agent);
    await agent.locator('#q-recherche').fill(number);
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    await agent.getByRole('link', { name: number }).click();
    await expect(agent.getByRole('heading', { level: 1, name: `Dossier ${number}` })).toBeVisible();
    await waitForHydration(agent);
    await expect(agent.getByText("Pas encore enregistré (titulaire d'un visa)")).toBeVisible();
    const section = agent.locator('section[aria-labelledby="agent-agdref-title"]');
    await expect(section.getByRole('heading', { name: 'Enregistrement dans AGDREF' })).toBeVisible();
    await expect(section).toContainText('mot de passe provisoire');
    await expectNoA11yViolations(agent, `agent AGDREF registration (${projectName()})`);

    const since = Date.now();
    await section.getByRole('button', { name: 'Enregistrer le demandeur dans AGDREF' }).click();
    const done = section.getByRole('status');
    await expect(done).toContainText('Le demandeur est enregistré dans AGDREF sous le numéro étranger');
    await expect(done).toContainText(email);
    const numero = ((await done.textContent()) ?? '').match(/numéro étranger (\d{10})/)?.[1] ?? '';
    expect(numero, 'a 10-digit numéro étranger').toMatch(new RegExp(`^${journey.prefix}\\d{8}$`));
    await expect(agent.locator('.agent-history')).toContainText('Demandeur enregistré dans AGDREF');
    await expect(section.getByRole('button', { name: 'Enregistrer le demandeur dans AGDREF' })).toHaveCount(0);
    await expectNoA11yViolations(agent, `agent AGDREF registered (${projectName()})`);
    // The page reloaded shows the numéro and no longer offers the registration.
    await agent.reload();
    await waitForHydration(agent);
    await expect(agent.locator('dl.answers').first()).toContainText(numero);
    await expect(agent.getByRole('button', { name: 'Enregistrer le demandeur dans AGDREF' })).toHaveCount(0);
    await agent.context().close();

    // Two e-mails: the identifier, and the temporary password (each without the other).
    const identifierMail = await waitForMail({ to: email, subject: /Votre identifiant de connexion/, since });
    expect(identifierMail.text).toContain(`votre numéro étranger : ${numero}`);
    const passwordMail = await waitForMail({ to: email, subject: /Votre mot de passe provisoire/, since });
    const temporary = passwordMail.text.match(/Votre mot de passe provisoire est : (\S+)/)?.[1] ?? '';
    expect(temporary.length, 'a temporary password').toBeGreaterThanOrEqual(8);
    expect(passwordMail.text).not.toContain(numero);
    expect(identifierMail.text).not.toContain(temporary);

    // The visa session is over; the applicant logs in with the numéro and the temporary password…
    await page.goto('/demarches');
    await expect(page).toHaveURL(/\/connexion/);
    await waitForHydration(page);
    await login(page, numero, temporary);
    // …and must choose a password first.
    await expect(page).toHaveURL(/\/mot-de-passe\/modifier$/);
    await waitForHydration(page);
    await expect(page.getByText('Vous vous êtes connecté avec un mot de passe provisoire.')).toBeVisible();
    await expectNoA11yViolations(page, `forced password change (${projectName()})`);
    await page.locator('#change-current').fill(temporary);
    await page.locator('#change-password').fill(NEW_PASSWORD);
    await page.locator('#change-password_confirmation').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Modifier mon mot de passe' }).click();

    // "Mes démarches" of the same account: the file is there, and no visa note any more.
    await expect(page).toHaveURL(/\/demarches$/);
    await waitForHydration(page);
    await expect(page.getByRole('row', { name: new RegExp(number) })).toBeVisible();
    await expect(page.getByText('Vous êtes connecté avec votre visa')).toHaveCount(0);
    await expectNoA11yViolations(page, `applications after registration (${projectName()})`);
});
