// The back-office of SPEC §6 in both projects: an applicant files, an agent of the competent
// prefecture logs in, finds the file in the queue, takes charge and decides favourably; the
// applicant downloads the attestation (its text read with pdftotext). Then the refusals: an
// applicant's session does not open the back-office, and another prefecture's agent does not
// see the file. Every page is checked with axe-core.
import { expect, test, type Page } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { agentPage } from '../support/agents';
import { actAsDistinctClient, gotoHydrated, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { applicant, fileEuRenewal, fileStudentApplication, loginAs, pdf, pdfText } from '../support/filing';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const REFUSING_AGENTS = { desktop: 'agent.paris@demo.localhost', phone: 'agent.lyon@demo.localhost' };

const AGENTS = {
    desktop: { email: 'agent.palaiseau@demo.localhost', prefecture: 'Sous-préfecture de Palaiseau' },
    phone: { email: 'agent.strasbourg@demo.localhost', prefecture: 'Préfecture du Bas-Rhin' },
};

test('an agent of the competent prefecture takes a filed application to a favourable decision', async ({ page, browser }, testInfo) => {
    const who = applicant('instruction');
    await loginAs(page, who);
    const number = await fileStudentApplication(page, projectName() === 'desktop' ? { renewal: true } : { other: /En tant qu'étudiant/ });

    const since = Date.now();
    const agent = await agentPage(browser, testInfo, AGENTS[projectName()].email);
    await expect(agent.getByRole('heading', { level: 1, name: 'Dossiers de la préfecture' })).toBeVisible();
    await expect(agent.getByText(AGENTS[projectName()].prefecture)).toBeVisible();
    await expectNoA11yViolations(agent, `agent queue (${projectName()})`);

    // Found by its number, opened, taken in charge, decided.
    await agent.locator('#q-recherche').fill(number);
    await agent.getByRole('button', { name: 'Filtrer' }).click();
    await expect(agent).toHaveURL(/recherche=/);
    await agent.getByRole('link', { name: number }).click();
    await expect(agent.getByRole('heading', { level: 1, name: `Dossier ${number}` })).toBeVisible();
    await waitForHydration(agent);
    await expect(agent.getByText('Université de Strasbourg')).toBeVisible();
    await expectNoA11yViolations(agent, `agent file (${projectName()})`);
    await agent.getByRole('button', { name: 'Prendre en charge' }).click();
    await expect(agent.getByText('Action effectuée : Prendre en charge.')).toBeVisible();

    // A message each way, each with a file: the prefecture asks and awaits an answer.
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const thread = agent.locator('.thread__form');
    await thread.locator('#message-body').fill("Pouvez-vous préciser votre date d'arrivée en France ?");
    await thread.locator('#message-attachments').setInputFiles(pdf('notice.pdf'));
    await expect(thread.locator('.joined-files li', { hasText: 'notice.pdf' })).toBeVisible();
    await thread.locator('#message-awaiting').fill(inTenDays);
    await expectNoA11yViolations(agent, `agent thread (${projectName()})`);
    await thread.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect(agent.getByText('Votre message est envoyé.')).toBeVisible();
    await expect(agent.locator('.thread')).toContainText("date d'arrivée");
    const told = await waitForMail({ to: who.email, subject: new RegExp(`nouveau message \\(${number}\\)`), since });
    expect(told.text).not.toContain("date d'arrivée");

    // The applicant finds it from the account page, reads the file and answers with one; an
    // empty message is explained.
    await gotoHydrated(page, '/compte');
    const accountFile = page.locator('article.account-file', { hasText: number });
    await expect(accountFile.locator('.account-messages')).toContainText('1 non lu(s)');
    await accountFile.getByRole('link', { name: 'Messagerie' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Messagerie' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.locator('.thread')).toContainText('Réponse attendue avant le');
    const notice = await page.locator('.thread').getByRole('link', { name: 'notice.pdf' }).getAttribute('href');
    expect((await page.request.get(notice ?? '')).status()).toBe(200);
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await page.locator('#message-body').fill('Je suis arrivée le 1er septembre 2020.');
    await page.locator('#message-attachments').setInputFiles(pdf('billet.pdf'));
    await expect(page.locator('.joined-files li', { hasText: 'billet.pdf' })).toBeVisible();
    await expectNoA11yViolations(page, `applicant thread (${projectName()})`);
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await expect(page.getByText('Votre message est envoyé.')).toBeVisible();
    await expect(page.locator('.thread__message').first()).toContainText(': répondu');

    // The queue counts the unread answer; the agent opens it with its file.
    await gotoHydrated(agent, '/agent?messages_non_lus=1');
    await expect(agent.getByRole('row', { name: new RegExp(number) })).toContainText('1 non lu(s)');
    await agent.getByRole('link', { name: number }).click();
    await waitForHydration(agent);
    await expect(agent.locator('.thread')).toContainText('1er septembre 2020');
    await expect(agent.locator('.thread').getByRole('link', { name: 'billet.pdf' })).toBeVisible();

    // A complementary-document request: two documents, each with its reason.
    await agent.locator('label[for="ask-passeport"]').click();
    await agent.locator('[id="f-complement.passeport"]').fill('La page de la photo est illisible.');
    await agent.locator('label[for="ask-inscription"]').click();
    await agent.locator('[id="f-complement.inscription"]').fill("L'attestation doit porter sur l'année à venir.");
    await expectNoA11yViolations(agent, `agent complement request (${projectName()})`);
    await agent.getByRole('button', { name: 'Envoyer la demande de pièces' }).click();
    await expect(agent.getByText('En attente de la réponse de l\'usager.')).toBeVisible();
    await waitForMail({ to: who.email, subject: new RegExp(`${number} a évolué`), since });

    // The header bell counts the notification, which opens the request.
    await gotoHydrated(page, '/demarches');
    await expect(page.getByRole('row', { name: new RegExp(number) }).getByRole('link', { name: 'Répondre à la demande de pièces' })).toBeVisible();
    await openNotifications(page, 1);
    await page.getByRole('link', { name: new RegExp(`${number} : des pièces complémentaires vous sont demandées`) }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demande de pièces complémentaires' })).toBeVisible();
    await waitForHydration(page);
    await expect(page.getByText('Il vous reste 30 jour(s).')).toBeVisible();
    await expect(page.getByText('La page de la photo est illisible.')).toBeVisible();
    await page.getByRole('button', { name: 'Valider et envoyer' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await page.locator('label[for="answer-passeport-keep"]').click();
    await page.locator('#answer-passeport-justification').fill('La photo est lisible sur le passeport original, page 2.');
    await page.locator('label[for="answer-inscription-new"]').click();
    await page.locator('#answer-inscription-upload').setInputFiles(pdf('inscription-2026-2027.pdf'));
    await expect(page.locator('.joined-files li', { hasText: 'inscription-2026-2027.pdf' })).toBeVisible();
    await expectNoA11yViolations(page, `complement answer (${projectName()})`);
    await page.getByRole('button', { name: 'Valider et envoyer' }).click();
    await expect(page.getByText('Votre réponse a bien été transmise à la préfecture.')).toBeVisible();

    // Back in the agent's hands, completed.
    await agent.reload();
    await waitForHydration(agent);
    await expect(agent.getByText("L'usager a répondu.")).toBeVisible();
    await expect(agent.locator('.agent-history')).toContainText('Dossier complété');
    await agent.locator('#agent-note').fill('Dossier complet, ressources suffisantes.');
    await agent.getByRole('button', { name: 'Rendre une décision favorable' }).click();
    await expect(agent.getByText('Action effectuée : Rendre une décision favorable.')).toBeVisible();
    await expect(agent.locator('.agent-history')).toContainText('Dossier complet, ressources suffisantes.');

    // The applicant is told, and downloads the attestation from "Mes démarches".
    await waitForMail({ to: who.email, subject: new RegExp(`${number} a évolué`), since: Date.now() - 5_000 });
    await gotoHydrated(page, '/demarches');
    const row = page.getByRole('row', { name: new RegExp(number) });
    await expect(row).toContainText('Décision favorable');
    const href = await row.getByRole('link', { name: /Attestation de décision favorable/ }).getAttribute('href');
    const attestation = await page.request.get(href ?? '');
    expect(attestation.status()).toBe(200);
    const text = pdfText(await attestation.body());
    expect(text).toContain('Attestation de décision favorable');
    expect(text).toContain(number);
    await agent.context().close();

    // The account page follows the file: its timeline and its documents.
    await gotoHydrated(page, '/compte');
    const file = page.locator('article.account-file', { hasText: number });
    await expect(file).toContainText('Décision favorable');
    for (const step of ['Demande déposée', 'Pièces complémentaires demandées', 'Dossier complété', 'Décision favorable rendue']) {
        await expect(file.locator('.timeline')).toContainText(step);
    }
    await expect(file.getByRole('link', { name: /Attestation de décision favorable/ })).toHaveAttribute('href', href ?? '');
    await expectNoA11yViolations(page, `account with a decided file (${projectName()})`);
});

/** Opens the notifications from the header bell (in the menu on a phone), which shows `unread`. */
async function openNotifications(page: Page, unread: number): Promise<void> {
    await openHeaderMenu(page);
    await page.getByRole('link', { name: `Notifications : ${unread} non lue(s)` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
    await waitForHydration(page);
}

test('an agent refuses a file with the reason and the signed decision, which the applicant downloads', async ({ page, browser }, testInfo) => {
    const who = applicant('refusal');
    await loginAs(page, who);
    const number = await fileEuRenewal(page);

    const agent = await agentPage(browser, testInfo, REFUSING_AGENTS[projectName()]);
    await agent.getByRole('link', { name: number }).click();
    await expect(agent.getByRole('heading', { level: 1, name: `Dossier ${number}` })).toBeVisible();
    await waitForHydration(agent);
    await agent.getByRole('button', { name: 'Prendre en charge' }).click();
    await expect(agent.getByText('Action effectuée : Prendre en charge.')).toBeVisible();
    // Both the reason and the decision are required.
    await agent.getByRole('button', { name: "Refuser la demande et notifier l'usager" }).click();
    await expect(agent.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await agent.locator('#refusal-note').fill("Vous ne justifiez pas de ressources suffisantes depuis la cessation d'activité.");
    await agent.locator('#refusal-decision').setInputFiles(pdf('arrete-de-refus.pdf'));
    await expectNoA11yViolations(agent, `agent refusal (${projectName()})`);
    await agent.getByRole('button', { name: "Refuser la demande et notifier l'usager" }).click();
    await expect(agent.locator('.agent-history')).toContainText('ressources suffisantes');
    await expect(agent.locator('.fr-text--lead')).toContainText('Refusée');
    await agent.context().close();

    await waitForMail({ to: who.email, subject: new RegExp(`${number} a évolué`) });
    await gotoHydrated(page, '/demarches');
    const row = page.getByRole('row', { name: new RegExp(number) });
    await expect(row).toContainText('Refusée');
    const href = await row.getByRole('link', { name: /Décision de refus/ }).getAttribute('href');
    const decision = await page.request.get(href ?? '');
    expect(decision.status()).toBe(200);
    expect((await decision.body()).subarray(0, 5).toString()).toBe('%PDF-');
});

test('the back-office is closed to applicants and to other prefectures', async ({ page, browser }, testInfo) => {
    // An applicant's session is not an agent's: the back-office asks for its own login.
    await loginAs(page, applicant('instruction'));
    await page.goto('/agent');
    await expect(page).toHaveURL(/\/agent\/connexion$/);
    await waitForHydration(page);
    await expectNoA11yViolations(page, `agent login (${projectName()})`);

    // A Lille agent has no file here, and a file that is not theirs is not found (the server
    // tests check the same for a real file of another prefecture).
    const lille = await agentPage(browser, testInfo, 'agent.lille@demo.localhost');
    await expect(lille.getByText('0 dossier(s)')).toBeVisible();
    await lille.goto('/agent/dossiers/00000000-0000-0000-0000-000000000000');
    await expect(lille.getByText("L'élément demandé est introuvable.")).toBeVisible();
    await lille.context().close();
});
