// Agents' second factor (TOTP), on an instance of the journey's own (enrolling changes the demo
// agent's login): the agent turns on two-step verification from the queue, scans or types the
// key, confirms a code and keeps the recovery codes; logs out; the next login asks for the code
// (a wrong one is explained), then opens the queue. The codes are computed here as an
// authenticator application does (RFC 6238). Pages checked with axe-core, desktop and phone.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { AGENT_PASSWORD, agentPage, newBrowserPage } from '../support/agents';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { startInstance, type Instance } from '../support/instance';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

function base32Decode(text: string): Buffer {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    let bits = 0;
    let value = 0;
    const out: number[] = [];
    for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
        value = (value << 5) | alphabet.indexOf(c);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push((value >>> bits) & 0xff);
        }
    }
    return Buffer.from(out);
}

/** The code an authenticator application shows for `key`, `offset` steps from now. */
function totp(key: Buffer, offset = 0): string {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + offset));
    const digest = crypto.createHmac('sha1', key).update(counter).digest();
    const start = digest[19] & 0x0f;
    const binary = digest.readUInt32BE(start) & 0x7fffffff;
    return String(binary % 1_000_000).padStart(6, '0');
}

test('an agent turns on two-step verification and the next login asks for the code', async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `second-factor-${projectName()}-${Date.now()}`);
    const email = projectName() === 'desktop' ? 'agent.palaiseau@demo.localhost' : 'agent.lille@demo.localhost';
    let instance: Instance | undefined;
    try {
        instance = await startInstance({ dataDir, label: `second-factor-${projectName()}` });
        const agent = await agentPage(browser, testInfo, email, instance.baseURL);
        await agent.getByRole('link', { name: 'Double authentification' }).click();
        await expect(agent.getByRole('heading', { level: 1, name: 'Double authentification' })).toBeVisible();
        await waitForHydration(agent);
        await agent.getByRole('button', { name: 'Configurer mon application' }).click();
        await expect(agent.getByRole('img', { name: /Code QR/ })).toBeVisible();
        await expectNoA11yViolations(agent, `two-step enrolment (${projectName()})`);
        const key = base32Decode((await agent.locator('.two-step-secret').textContent()) ?? '');
        expect(key.length).toBe(20);

        // A wrong code is explained; the right one turns it on and shows the recovery codes.
        await agent.locator('#two-step-code').fill('12345');
        await agent.getByRole('button', { name: 'Activer la double authentification' }).click();
        await expect(agent.locator('#two-step-code-error')).toContainText("Ce code n'est pas valable");
        await agent.locator('#two-step-code').fill(totp(key));
        await agent.getByRole('button', { name: 'Activer la double authentification' }).click();
        await expect(agent.getByText('La double authentification est activée')).toBeVisible();
        await expect(agent.locator('.recovery-codes li')).toHaveCount(10);
        await expectNoA11yViolations(agent, `two-step recovery codes (${projectName()})`);
        await agent.getByRole('link', { name: 'Accéder à la file des dossiers' }).click();
        await expect(agent.getByRole('heading', { level: 1, name: "Dossiers de la préfecture" })).toBeVisible();
        await waitForHydration(agent);
        await agent.getByRole('button', { name: 'Se déconnecter' }).click();
        await expect(agent).toHaveURL(/\/agent\/connexion$/);

        // The next login: password, then the code (the next step's: the first one served).
        const again = await agentPageHeldForCode(browser, testInfo, email, instance.baseURL);
        await expectNoA11yViolations(again, `second factor code (${projectName()})`);
        await again.locator('#second-factor-code').fill('000000');
        await again.getByRole('button', { name: 'Valider' }).click();
        await expect(again.locator('#second-factor-code-error')).toContainText("Ce code n'est pas valable");
        await again.locator('#second-factor-code').fill(totp(key, 1));
        await again.getByRole('button', { name: 'Valider' }).click();
        await expect(again.getByRole('heading', { level: 1, name: "Dossiers de la préfecture" })).toBeVisible();
    } finally {
        await instance?.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

/** Logs in with the password: the back-office sends the session to the code page. */
async function agentPageHeldForCode(...[browser, testInfo, email, baseURL]: Parameters<typeof agentPage>) {
    const page = await newBrowserPage(browser, testInfo, `agent-again-${email}`, baseURL);
    await gotoHydrated(page, '/agent/connexion');
    await page.locator('#agent-email').fill(email);
    await page.locator('#agent-password').fill(AGENT_PASSWORD);
    await page.getByRole('button', { name: "S'identifier" }).click();
    await expect(page).toHaveURL(/\/agent\/code$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Code de vérification' })).toBeVisible();
    await waitForHydration(page);
    return page;
}
