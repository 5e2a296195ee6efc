// The back-office of SPEC §6 in both projects: an applicant files, an agent of the competent
// prefecture logs in, finds the file in the queue, takes charge and decides favourably; the
// applicant downloads the attestation (its text read with pdftotext). Then the refusals: an
// applicant's session does not open the back-office, and another prefecture's agent does not
// see the file. Every page is checked with axe-core.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { applicant, fileStudentApplication, loginAs, pdfText } from '../support/filing';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const AGENTS = {
    desktop: { email: 'agent.palaiseau@demo.localhost', prefecture: 'Sous-préfecture de Palaiseau' },
    phone: { email: 'agent.strasbourg@demo.localhost', prefecture: 'Préfecture du Bas-Rhin' },
};

async function agentPage(browser: Browser, testInfo: TestInfo, email: string): Promise<Page> {
    const use = testInfo.project.use;
    const context = await browser.newContext({
        baseURL: use.baseURL,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: use.viewport,
        isMobile: use.isMobile,
        hasTouch: use.hasTouch,
        deviceScaleFactor: use.deviceScaleFactor,
    });
    await actAsDistinctClient(context, { ...testInfo, testId: `${testInfo.testId}-agent-${email}` } as TestInfo);
    const page = await context.newPage();
    await gotoHydrated(page, '/agent/connexion');
    await page.locator('#agent-email').fill(email);
    await page.locator('#agent-password').fill('Agent-2026!');
    await page.getByRole('button', { name: "S'identifier" }).click();
    await expect(page).toHaveURL(/\/agent$/);
    await waitForHydration(page);
    return page;
}

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
    await agent.locator('#agent-note').fill('Dossier complet, ressources suffisantes.');
    await agent.getByRole('button', { name: 'Rendre une décision favorable' }).click();
    await expect(agent.getByText('Action effectuée : Rendre une décision favorable.')).toBeVisible();
    await expect(agent.locator('.agent-history')).toContainText('Dossier complet, ressources suffisantes.');

    // The applicant is told, and downloads the attestation from "Mes démarches".
    await waitForMail({ to: who.email, subject: new RegExp(`${number} a évolué`), since });
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
