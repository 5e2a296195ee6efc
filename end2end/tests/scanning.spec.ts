// The virus scan down, on an instance configured to hold files rather than refuse them
// (ANEF_SCAN_WHEN_DOWN=hold, clamd's address on a closed port): the applicant files as usual;
// the agent sees each document named with "analyse antivirale en attente" and no link, and the
// download itself is refused. Checked with axe-core on desktop and a 360 px phone.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { agentPage } from '../support/agents';
import { call, fileStudentApplication } from '../support/api';
import { actAsDistinctClient, gotoHydrated, projectName } from '../support/app';
import { startInstance, type Instance } from '../support/instance';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const AGENT = 'agent.palaiseau@demo.localhost';

test('files kept while the virus scan is down are held from agents', async ({ browser, playwright }, testInfo) => {
    test.setTimeout(180_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `scan-held-${projectName()}-${Date.now()}`);
    let instance: Instance | undefined;
    try {
        // Port 9 (discard) on the loopback: nothing answers there.
        instance = await startInstance({
            dataDir,
            label: `scan-held-${projectName()}`,
            env: { ANEF_CLAMD: 'tcp://127.0.0.1:9', ANEF_SCAN_WHEN_DOWN: 'hold' },
        });
        const base = instance.baseURL;
        const applicantApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.203.0.1' } });
        const number = await fileStudentApplication(applicantApi, base);
        await applicantApi.dispose();

        const agent = await agentPage(browser, testInfo, AGENT, base);
        const agentApi = await playwright.request.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': '10.203.0.2' } });
        await call(agentApi, base, 'agent/connexion', { form: { email: AGENT, password: 'Agent-2026!' } });
        const queue = await call(agentApi, base, 'agent/file-attente', { json: { filter: { search: number, page: 1 } } });
        const id: string = queue.items[0].id;
        await gotoHydrated(agent, `/agent/dossiers/${id}`);
        await expect(agent.getByRole('heading', { name: 'Justificatifs', exact: true })).toBeVisible();
        await expect(agent.getByText('analyse antivirale en attente').first()).toBeVisible();
        await expect(agent.getByRole('link', { name: /passeport\.pdf/ })).toHaveCount(0);
        await expectNoA11yViolations(agent, `agent file with held documents (${projectName()})`);
        const file = await call(agentApi, base, 'agent/dossier', { form: { id } });
        const held = file.documents[0].files[0];
        const download = await agentApi.get(`${base}/api/agent/dossiers/${id}/fichiers/${held.id}`);
        expect(download.status()).toBe(409);
        await agentApi.dispose();
    } finally {
        await instance?.stop();
        if (process.env.E2E_KEEP !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
