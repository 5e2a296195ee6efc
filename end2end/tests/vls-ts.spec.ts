// "Je valide mon VLS-TS" (seed 004's home tile), on an instance of the journey's own so its visa
// holders are free: a VLS-TS holder opens the account with the visa, follows the home tile,
// declares the arrival and the address (picked among the imported address base's suggestions),
// types a malformed tax stamp (explained) then a good one, and validates; the attestation of
// validation is downloaded and e-mailed; "Mes démarches" shows the validated visa, a second
// validation is refused, and the prefecture's agent finds it in the queue. Every page is
// checked with axe-core, on desktop and a 360 px phone.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { freshEmail, submitDocument, submitEmailAndReadLink, VISA_HOLDERS } from '../support/accounts';
import { agentPage, newBrowserPage } from '../support/agents';
import { actAsDistinctClient, gotoHydrated, projectName, waitForHydration } from '../support/app';
import { fillField, fillStep, pdfText, pickAddress } from '../support/filing';
import { startInstance, type Instance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

test('a VLS-TS holder validates the visa online and the prefecture sees it', async ({ browser }, testInfo) => {
    test.setTimeout(300_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `vls-ts-${projectName()}-${Date.now()}`);
    let instance: Instance | undefined;
    try {
        instance = await startInstance({ dataDir, label: `vls-ts-${projectName()}` });
        const page = await newBrowserPage(browser, testInfo, 'holder', instance.baseURL);
        const email = freshEmail('vlsts');

        // The account, opened with the visa.
        await gotoHydrated(page, '/connexion');
        await submitDocument(page, VISA_HOLDERS[projectName()]);
        const link = await submitEmailAndReadLink(page, email);
        await gotoHydrated(page, link);
        await page.getByRole('button', { name: 'Confirmer mon adresse et déposer ma demande' }).click();
        await expect(page).toHaveURL(/\/demarches\/nouvelle$/);

        // Seed 004's home tile, then what to prepare.
        await gotoHydrated(page, '/');
        await expectNoA11yViolations(page, `home with the VLS-TS tile (${projectName()})`);
        await page.getByRole('link', { name: 'Je valide mon VLS-TS' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Je valide mon VLS-TS' })).toBeVisible();
        await waitForHydration(page);
        await expect(page.getByRole('link', { name: 'timbres.impots.gouv.fr' })).toBeVisible();
        await expectNoA11yViolations(page, `VLS-TS validation page (${projectName()})`);
        await page.getByRole('button', { name: 'Je commence' }).click();
        await expect(page.getByRole('heading', { level: 1, name: 'Avant de commencer' })).toBeVisible();
        await expect(page.getByText('Validation du VLS-TS').first()).toBeVisible();
        await page.getByRole('link', { name: 'Je continue' }).click();

        // The arrival: the visa's civil status shown, the address picked by keyboard.
        await expect(page.getByRole('heading', { level: 1, name: /^Votre arrivée en France/ })).toBeVisible();
        await waitForHydration(page);
        await pickAddress(page, '6 tilleuls palaiseau', '6 Allée des Tilleuls 91120 Palaiseau');
        await expect(page.locator('#f-adresse_code_insee')).toHaveValue('91477');
        await expectNoA11yViolations(page, `VLS-TS arrival step (${projectName()})`);
        await fillStep(page, 'Votre arrivée en France', { date_entree: '2026-09-02', telephone: '07 12 34 56 78' }, 'Taxe');

        // The tax stamp: 16 digits, explained when not.
        await fillField(page, 'timbre_fiscal', '1234 5678');
        await page.getByRole('button', { name: 'Je continue' }).click();
        await expect(page.locator('#f-timbre_fiscal-error')).toContainText('comporte 16 chiffres');
        await expectNoA11yViolations(page, `VLS-TS tax step with an error (${projectName()})`);
        const stamp = projectName() === 'desktop' ? '4000 1111 2222 3333' : '4000 4444 5555 6666';
        await fillStep(page, 'Taxe', { timbre_fiscal: stamp }, 'Récapitulatif');

        // The recap: two parts, then "Valider mon VLS-TS".
        for (const n of [1, 2]) {
            await page.getByRole('button', { name: 'Valider et vérifier la suite de ma saisie' }).first().click();
            await expect(page.getByText(`Parties validées : ${n}/2`)).toBeVisible();
        }
        await expect(page.getByText(/Une fois votre VLS-TS validé/)).toBeVisible();
        await expectNoA11yViolations(page, `VLS-TS recap (${projectName()})`);
        const since = Date.now();
        await page.getByRole('button', { name: 'Valider mon VLS-TS' }).click();
        await expect(page.getByRole('heading', { name: 'Votre VLS-TS est validé' })).toBeVisible();
        const text = (await page.locator('.fr-alert--success').textContent()) ?? '';
        const number = text.match(/n° (\d{4}-[0-9AB]{3}-\d{6})/)?.[1] ?? '';
        expect(number, text).not.toBe('');
        await expect(page.getByText(/disposez de 30 jours/)).toHaveCount(0);
        await expectNoA11yViolations(page, `VLS-TS validated (${projectName()})`);

        // The attestation, downloaded and e-mailed.
        const href = await page.getByRole('link', { name: /Télécharger l'attestation de validation/ }).getAttribute('href');
        const attestation = await page.request.get(href ?? '');
        expect(attestation.status()).toBe(200);
        const pdf = pdfText(await attestation.body());
        expect(pdf, pdf).toContain('Attestation de validation du VLS-TS');
        expect(pdf).toContain(stamp);
        expect(pdf).toContain('02/09/2026');
        expect(pdf).toContain(number);
        const mail = await waitForMail({ to: email, subject: /Votre VLS-TS est validé/, since });
        expect(mail.attachments.map((a) => a.filename)).toContainEqual(expect.stringContaining('attestation-validation-vls-ts'));

        // "Mes démarches": validated, its attestation listed; a second validation is refused.
        await gotoHydrated(page, '/demarches');
        const row = page.getByRole('row', { name: new RegExp(number) });
        await expect(row).toContainText('VLS-TS validé');
        await expect(row.getByRole('link', { name: 'Attestation de validation du VLS-TS' })).toBeVisible();
        await gotoHydrated(page, '/demarches/valider-vls-ts');
        await page.getByRole('button', { name: 'Je commence' }).click();
        await expect(page.getByText(/Votre VLS-TS est déjà validé/).first()).toBeVisible();

        // The competent prefecture's agent finds it in the queue, by its status.
        const agent = await agentPage(browser, testInfo, 'agent.palaiseau@demo.localhost', instance.baseURL);
        await agent.locator('#q-statut').selectOption('vls_ts_valide');
        await agent.getByRole('button', { name: 'Filtrer' }).click();
        await expect(agent.getByRole('link', { name: number })).toBeVisible();
        await expectNoA11yViolations(agent, `agent queue of validated visas (${projectName()})`);
    } finally {
        await instance?.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});
