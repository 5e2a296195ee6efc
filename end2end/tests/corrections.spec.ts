// Correcting a filed application (issue 13), on an instance of the journey's own so the demo
// student is free: she corrects her phone number before the file is taken in charge (the
// change listed with the addendum); the agent takes the file and sends it back for correction,
// naming an answer and a document; she corrects the answer, adds the document and sends it
// back; the agent sees the file under instruction again with what changed, before and after.
// Every page is checked with axe-core, on desktop and a 360 px phone.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { agentPage, newBrowserPage } from '../support/agents';
import { call, fileStudentApplication, SOFIA } from '../support/api';
import { login } from '../support/accounts';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { DEMO_PASSWORD, pdf, tick } from '../support/filing';
import { startInstance, type Instance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const AGENT = 'agent.palaiseau@demo.localhost';

test('a filed application is corrected, sent back for correction and resubmitted', async ({ browser, playwright }, testInfo) => {
    test.setTimeout(300_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `corrections-${projectName()}-${Date.now()}`);
    let instance: Instance | undefined;
    try {
        instance = await startInstance({ dataDir, label: `corrections-${projectName()}` });
        const base = instance.baseURL;
        const applicantApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.202.0.1' } });
        const number = await fileStudentApplication(applicantApi, base);
        await applicantApi.dispose();

        // Before the file is taken in charge: her own correction.
        const page = await newBrowserPage(browser, testInfo, 'holder', base);
        await gotoHydrated(page, '/connexion');
        await login(page, SOFIA.numeroEtranger, DEMO_PASSWORD);
        await expect(page).toHaveURL(/\/demarches$/);
        await gotoHydrated(page, '/compte');
        await page.locator('article.account-file', { hasText: number }).getByRole('link', { name: 'Corriger une réponse ou ajouter un justificatif' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Corriger ma demande' })).toBeVisible();
        await waitForHydration(page);
        await expectNoA11yViolations(page, `correction page (${projectName()})`);
        await page.getByRole('button', { name: 'Enregistrer mes corrections' }).click();
        await expect(page.getByText("Vous n'avez rien modifié")).toBeVisible();
        await page.locator('#f-telephone').fill('07 98 76 54 32');
        await page.getByRole('button', { name: 'Enregistrer mes corrections' }).click();
        await expect(page.getByText('Vos corrections sont enregistrées')).toBeVisible();
        await expect(page.locator('.correction-changes')).toContainText('07 98 76 54 32');
        const addendum = await page.getByRole('link', { name: /Avenant/ }).getAttribute('href');
        expect((await page.request.get(`${base}${addendum}`)).status()).toBe(200);

        // The agent takes the file, sees the change, and sends it back for correction.
        const agentApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.202.0.2' } });
        await call(agentApi, base, 'agent/connexion', { form: { email: AGENT, password: 'Agent-2026!' } });
        const queue = await call(agentApi, base, 'agent/file-attente', { json: { filter: { search: number, page: 1 } } });
        const id: string = queue.items[0].id;
        await call(agentApi, base, 'agent/action', { form: { id, action: 'take_charge' } });
        await agentApi.dispose();
        const since = Date.now();
        const agent = await agentPage(browser, testInfo, AGENT, base);
        await gotoHydrated(agent, `/agent/dossiers/${id}`);
        await expect(agent.locator('.agent-changes')).toContainText('07 98 76 54 32');
        await tick(agent, agent.locator('#corr-etablissement_nom'));
        await agent.locator('#corr-etablissement_nom-motif').selectOption({ label: 'Inexact' });
        await agent.locator('[id="c-correction.etablissement_nom"]').fill("Le nom de l'établissement ne correspond pas à votre attestation.");
        await tick(agent, agent.locator('#corr-passeport'));
        await agent.locator('#corr-passeport-motif').selectOption({ label: 'Périmé' });
        await expectNoA11yViolations(agent, `agent correction request (${projectName()})`);
        await agent.getByRole('button', { name: 'Renvoyer le dossier pour correction' }).click();
        await expect(agent.locator('.agent-correction')).toContainText('Périmé');
        await expect(agent.getByText('Correction demandée').first()).toBeVisible();
        await waitForMail({ to: SOFIA.email, subject: new RegExp(`${number} a évolué`), since });

        // She corrects what is asked and sends the file back.
        await gotoHydrated(page, '/compte');
        await page.locator('article.account-file', { hasText: number }).getByRole('link', { name: 'Corriger ma demande' }).click();
        await waitForHydration(page);
        await expect(page.locator('.correction-requested')).toContainText("Le nom de l'établissement ne correspond pas");
        await page.locator('#f-etablissement_nom').fill("Université d'Évry");
        await page.locator('#ajout-passeport').setInputFiles(pdf('passeport-valide.pdf'));
        await expect(page.locator('.joined-files li', { hasText: 'passeport-valide.pdf' })).toBeVisible();
        await expectNoA11yViolations(page, `correction asked (${projectName()})`);
        await page.getByRole('button', { name: 'Envoyer mes corrections à la préfecture' }).click();
        await expect(page.getByText('Vos corrections sont envoyées : votre dossier revient à la préfecture.')).toBeVisible();

        // Back under instruction, with what changed.
        await agent.reload();
        await waitForHydration(agent);
        await expect(agent.locator('.agent-changes')).toContainText("Université d'Évry");
        await expect(agent.locator('.agent-changes')).toContainText('passeport-valide.pdf');
        await expect(agent.locator('.agent-history')).toContainText("Dossier corrigé et renvoyé par l'usager");
        await Promise.all([agent.context().close(), page.context().close()]);
    } finally {
        await instance?.stop();
        if (process.env.E2E_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
