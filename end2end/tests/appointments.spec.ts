// Collecting the card (issue 13), on an instance of the journey's own so the demo student is
// free: her file is taken to "card available" through the server functions; the agent opens
// collection slots in the back-office; she books one from her account, gets the e-mail with
// the calendar file, then moves it; the agent's day list hands the card over. Every page is
// checked with axe-core, on desktop and a 360 px phone.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { agentPage, newBrowserPage } from '../support/agents';
import { call, fileStudentApplication, SOFIA } from '../support/api';
import { login } from '../support/accounts';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { DEMO_PASSWORD } from '../support/filing';
import { startInstance, type Instance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const AGENT = 'agent.palaiseau@demo.localhost';

test('a holder books the collection of the card, moves it, and the agent hands it over', async ({ browser, playwright }, testInfo) => {
    test.setTimeout(300_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `appointments-${projectName()}-${Date.now()}`);
    let instance: Instance | undefined;
    try {
        instance = await startInstance({ dataDir, label: `appointments-${projectName()}` });
        const base = instance.baseURL;
        const applicantApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.201.0.1' } });
        const number = await fileStudentApplication(applicantApi, base);
        const agentApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.201.0.2' } });
        await call(agentApi, base, 'agent/connexion', { form: { email: AGENT, password: 'Agent-2026!' } });
        const queue = await call(agentApi, base, 'agent/file-attente', { json: { filter: { search: number, page: 1 } } });
        const id: string = queue.items[0].id;
        for (const action of ['take_charge', 'decide_favourable', 'start_production', 'card_available']) {
            await call(agentApi, base, 'agent/action', { form: { id, action } });
        }
        await Promise.all([applicantApi.dispose(), agentApi.dispose()]);

        // The agent opens two half-hour slots of one place, in three days.
        const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
        const agent = await agentPage(browser, testInfo, AGENT, base);
        await agent.getByRole('link', { name: 'Rendez-vous de retrait' }).click();
        await expect(agent.getByRole('heading', { level: 1, name: 'Rendez-vous de retrait des titres' })).toBeVisible();
        await waitForHydration(agent);
        await agent.locator('#ouverture-length').fill('1');
        await agent.getByRole('button', { name: 'Ouvrir ces créneaux' }).click();
        await expect(agent.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
        await agent.locator('#ouverture-day').fill(inThreeDays);
        await agent.locator('#ouverture-from').fill('09:00');
        await agent.locator('#ouverture-to').fill('10:00');
        await agent.locator('#ouverture-length').fill('30');
        await agent.locator('#ouverture-capacity').fill('1');
        await agent.getByRole('button', { name: 'Ouvrir ces créneaux' }).click();
        await expect(agent.getByText('Les créneaux sont ouverts.')).toBeVisible();
        await expect(agent.getByRole('row', { name: /09:30/ })).toContainText('0 / 1');
        await expectNoA11yViolations(agent, `agent slots (${projectName()})`);

        // The holder books from her account: refused without a choice, then booked.
        const since = Date.now();
        const page = await newBrowserPage(browser, testInfo, 'holder', base);
        await gotoHydrated(page, '/connexion');
        await login(page, SOFIA.numeroEtranger, DEMO_PASSWORD);
        await expect(page).toHaveURL(/\/demarches$/);
        await gotoHydrated(page, '/compte');
        const file = page.locator('article.account-file', { hasText: number });
        await file.getByRole('link', { name: 'Prendre rendez-vous pour retirer mon titre' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Rendez-vous pour retirer mon titre' })).toBeVisible();
        await waitForHydration(page);
        await expectNoA11yViolations(page, `booking page (${projectName()})`);
        await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
        await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
        await page.locator('label', { hasText: '09:00' }).click();
        await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
        await expect(page.getByText('Votre rendez-vous est réservé.')).toBeVisible();
        await expect(page.locator('.booking-standing')).toContainText('à 09:00');
        const confirmation = await waitForMail({ to: SOFIA.email, subject: /Rendez-vous confirmé/, since });
        expect(confirmation.attachments.map((a) => a.filename)).toContain('rendez-vous.ics');
        const calendar = await page.request.get(`${base}/api/demandes/${id}/rendez-vous.ics`);
        expect(calendar.status()).toBe(200);
        expect(await calendar.text()).toContain('DTSTART;TZID=Europe/Paris:');

        // Moved to the other slot, by keyboard.
        const later = page.locator('input[name="creneau"]').first();
        await later.focus();
        await page.keyboard.press('Space');
        await page.getByRole('button', { name: 'Déplacer mon rendez-vous' }).click();
        await expect(page.getByText('Votre rendez-vous est déplacé.')).toBeVisible();
        await expect(page.locator('.booking-standing')).toContainText('à 09:30');
        await expectNoA11yViolations(page, `booking moved (${projectName()})`);
        await waitForMail({ to: SOFIA.email, subject: /Rendez-vous déplacé/, since });

        // The agent's day list: who comes, then the card handed over.
        await gotoHydrated(agent, `/agent/rendez-vous?jour=${inThreeDays}`);
        const row = agent.getByRole('row', { name: /09:30/ });
        await expect(row).toContainText(number);
        await expect(agent.getByRole('row', { name: /09:00/ })).toContainText('0 / 1');
        await row.getByRole('button', { name: 'Titre remis' }).click();
        await expect(agent.getByText("C'est enregistré.")).toBeVisible();
        await expect(row.locator('.fr-badge')).toContainText('Titre remis');
        await expectNoA11yViolations(agent, `agent day list (${projectName()})`);

        await gotoHydrated(page, '/compte');
        await expect(page.locator('article.account-file', { hasText: number })).toContainText('Titre remis');
        await Promise.all([agent.context().close(), page.context().close()]);
    } finally {
        await instance?.stop();
        if (process.env.E2E_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
