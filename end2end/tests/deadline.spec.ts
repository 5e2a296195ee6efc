// A request for documents left unanswered (SPEC §6–7): the applicant files, the agent asks for a
// document, nobody answers, and 31 days later the file is closed by the server's deadline job.
// The 31 days pass on a service instance of the test's own: one instance at today's date, then
// a second one on the same database with its clock 31 days ahead (ANEF_CLOCK_OFFSET_DAYS), whose
// job worker closes the expired files when it starts. The applicant then sees the file closed,
// the notification and the e-mail; the agent sees it closed in the queue.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { actAsDistinctClient, openHeaderMenu, projectName, waitForHydration } from '../support/app';
import { login } from '../support/accounts';
import { DEMO_PASSWORD, pdf } from '../support/filing';
import { startInstance, type Instance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const SOFIA = { numeroEtranger: '9102458731', email: 'sofia.hernandez@demo.localhost' };
const AGENT = 'agent.palaiseau@demo.localhost';

/** Calls a server function as the browser does (same origin), failing loudly on an error. */
async function call(api: APIRequestContext, base: string, endpoint: string, body: { form?: Record<string, string>; json?: unknown }) {
    const response = await api.post(`${base}/api/${endpoint}`, {
        headers: { origin: base },
        ...(body.json !== undefined ? { data: body.json } : { form: body.form ?? {} }),
    });
    expect(response.status(), `${endpoint}: ${await response.text()}`).toBeLessThan(300);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** Files a complete student application through the server functions (the wizard itself is tested in filing.spec.ts). */
async function fileStudentApplication(api: APIRequestContext, base: string): Promise<string> {
    await call(api, base, 'session/login', { form: { identifier: SOFIA.numeroEtranger, password: DEMO_PASSWORD } });
    const id: string = await call(api, base, 'demandes/creer', { form: { procedure: 'etudiant', request_kind: 'renouvellement' } });
    for (const document of ['passeport', 'justificatif_domicile', 'inscription', 'resultats', 'justificatif_ressources']) {
        const upload = await api.post(`${base}/api/demandes/${id}/pieces/${document}?nom=${document}.pdf`, {
            headers: { origin: base },
            data: pdf(`${document}.pdf`).buffer,
        });
        expect(upload.status(), document).toBe(201);
    }
    const steps: [string, Record<string, string>][] = [
        ['informations', { date_entree: '2021-09-01', situation_familiale: 'celibataire', enfants: 'non', adresse_voie: '12 rue de la Hunière',
            adresse_code_postal: '91120', adresse_commune: 'Palaiseau', adresse_code_insee: '91477', telephone: '06 12 34 56 78' }],
        ['motif', { etablissement_type: 'universite', etablissement_nom: 'Université Paris-Saclay', cycle: 'master', niveau: 'm2',
            discipline: 'informatique', a_venir_meme_etablissement: 'oui', a_venir_cycle: 'doctorat', a_venir_niveau: 'doctorat_1' }],
        ['ressources', { ressource_1_type: 'bourse', ressource_1_montant: '70000' }],
        ['justificatifs', { code_ephoto: 'AB12CD34EF56GH78IJ90KL' }],
    ];
    let version = 1;
    for (const [step, answers] of steps) {
        version = (await call(api, base, 'demandes/etape', { json: { id, step, version, answers } })).version;
    }
    for (const part of ['informations', 'motif', 'ressources', 'justificatifs']) {
        version = await call(api, base, 'demandes/valider-partie', { form: { id, part, version: String(version) } });
    }
    return (await call(api, base, 'demandes/deposer', { form: { id } })).file_number;
}

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
