// A request for documents left unanswered (SPEC §6–7): the applicant files, the agent asks for a
// document, nobody answers, and 31 days later the file is closed by the server's deadline job.
// The 31 days pass on a service instance of the test's own: one instance at today's date, then
// a second one on the same database with its clock 31 days ahead (ANEF_CLOCK_OFFSET_DAYS), whose
// job worker closes the expired files when it starts. The applicant then sees the file closed,
// the notification and the e-mail; the agent sees it closed in the queue.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { actAsDistinctClient, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { login } from '../support/accounts';
import { call, fileStudentApplication, SOFIA } from '../support/api';
import { DEMO_PASSWORD } from '../support/filing';
import { startInstance, type Instance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const AGENT = 'agent.palaiseau@demo.localhost';

test('a file whose requested documents never come is closed after the deadline, and everyone sees it', async ({ page, playwright }) => {
    test.setTimeout(360_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `deadline-${projectName()}-${Date.now()}`);
    let instance: Instance | undefined;
    try {
        // Today: the applicant files, the agent takes the file and asks for a document.
        instance = await startInstance({ dataDir, label: `deadline-today-${projectName()}` });
        const today = instance.baseURL;
        const applicantApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.200.0.1' } });
        const number = await fileStudentApplication(applicantApi, today);
        const agentApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.200.0.2' } });
        await call(agentApi, today, 'agent/connexion', { form: { email: AGENT, password: 'Agent-2026!' } });
        const queue = await call(agentApi, today, 'agent/file-attente', { json: { filter: { search: number, page: 1 } } });
        const id: string = queue.items[0].id;
        await call(agentApi, today, 'agent/action', { form: { id, action: 'take_charge' } });
        await call(agentApi, today, 'agent/complement', {
            json: { id, documents: [{ document: 'passeport', reason: 'La page de la photo est illisible.' }] },
        });
        await Promise.all([applicantApi.dispose(), agentApi.dispose()]);
        await instance.stop();

        // 31 days later, the same service: the job closes the file when the instance starts.
        const since = Date.now();
        instance = await startInstance({ dataDir, clockOffsetDays: 31, label: `deadline-later-${projectName()}` });
        const later = instance.baseURL;
        await waitForMail({ to: SOFIA.email, subject: new RegExp(`${number} a évolué`), since, timeoutMs: 30_000 });

        await page.goto(`${later}/connexion`);
        await waitForHydration(page);
        await login(page, SOFIA.numeroEtranger, DEMO_PASSWORD);
        await expect(page).toHaveURL(/\/demarches$/);
        await waitForHydration(page);
        await expect(page.getByRole('row', { name: new RegExp(number) })).toContainText('Clôturée');

        // Two notifications: the request, then the closure; the bell says so.
        await openHeaderMenu(page);
        await page.getByRole('link', { name: 'Notifications : 2 non lue(s)' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
        await waitForHydration(page);
        const closure = page.getByRole('link', { name: new RegExp(`${number} : le dossier a été clôturé`) });
        await expect(closure).toBeVisible();
        await expectNoA11yViolations(page, `notifications (${projectName()})`);
        await closure.click();
        await expect(page).toHaveURL(new RegExp(`/compte#demande-`));
        await waitForHydration(page);
        const file = page.locator('article.account-file', { hasText: number });
        await expect(file).toContainText('Clôturée');
        await expect(file.locator('.timeline')).toContainText('Dossier clôturé faute de réponse dans le délai');

        // The agent finds it closed.
        const agentApi2 = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.200.0.3' } });
        await call(agentApi2, later, 'agent/connexion', { form: { email: AGENT, password: 'Agent-2026!' } });
        const closed = await call(agentApi2, later, 'agent/file-attente', { json: { filter: { status: 'cloturee', page: 1 } } });
        expect(closed.items.map((item: { file_number: string }) => item.file_number)).toContain(number);
        await agentApi2.dispose();
    } finally {
        await instance?.stop();
        if (process.env.E2E_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
