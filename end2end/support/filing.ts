// The filing wizard, driven the way an applicant does: orientation, preamble, the catalogue's
// fields (found by their ids, `#f-<field>`), the documents, the recap. Each project (desktop,
// phone) files with its own demo accounts (server/data/seed/README.md), so both can run at once.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { expect, type Locator, type Page } from '@playwright/test';

import { login } from './accounts';
import { expectNoA11yViolations } from './a11y';
import { gotoHydrated, projectName, waitForHydration } from './app';

export const DEMO_PASSWORD = 'Demo-2026!';

export type Applicant = { numeroEtranger: string; email: string; name: RegExp };

type Journey = 'student' | 'researcher' | 'talentEmployee' | 'euCitizen' | 'seasonal' | 'drafts' | 'instruction' | 'refusal';

const APPLICANTS: Record<Journey, Record<'desktop' | 'phone', Applicant>> = {
    student: {
        desktop: { numeroEtranger: '9102458731', email: 'sofia.hernandez@demo.localhost', name: /HERNÁNDEZ/i },
        phone: { numeroEtranger: '6906273541', email: 'hamza.el-idrissi@demo.localhost', name: /EL IDRISSI/i },
    },
    researcher: {
        desktop: { numeroEtranger: '9104619358', email: 'seydou.ouedraogo@demo.localhost', name: /OUÉDRAOGO/i },
        phone: { numeroEtranger: '9204736185', email: 'chinedu.okafor@demo.localhost', name: /OKAFOR/i },
    },
    // The renewal of a passeport talent – salarié qualifié on desktop; on the phone, a salarié
    // title holder's change of status (the researcher journey's, another procedure).
    talentEmployee: {
        desktop: { numeroEtranger: '9203581647', email: 'arjun.mehta@demo.localhost', name: /MEHTA/i },
        phone: { numeroEtranger: '9204736185', email: 'chinedu.okafor@demo.localhost', name: /OKAFOR/i },
    },
    euCitizen: {
        desktop: { numeroEtranger: '6013274952', email: 'giulia.lefevre@demo.localhost', name: /LEFÈVRE/i },
        phone: { numeroEtranger: '3302716483', email: 'rui.conceicao@demo.localhost', name: /CONCEIÇÃO/i },
    },
    seasonal: {
        desktop: { numeroEtranger: '8405163927', email: 'fatima-zahra.el-amrani@demo.localhost', name: /EL AMRANI/i },
        phone: { numeroEtranger: '4704251836', email: 'moussa.ndiaye@demo.localhost', name: /NDIAYE/i },
    },
    instruction: {
        desktop: { numeroEtranger: '9103917264', email: 'mehmet.yildirim@demo.localhost', name: /yıldırım|yildirim/i },
        phone: { numeroEtranger: '6706381924', email: 'ji-woo.park@demo.localhost', name: /park/i },
    },
    refusal: {
        desktop: { numeroEtranger: '7502173984', email: 'reto.brugger@demo.localhost', name: /brügger/i },
        phone: { numeroEtranger: '6902194638', email: 'stefania.popescu@demo.localhost', name: /popescu/i },
    },
    drafts: {
        desktop: { numeroEtranger: '3102849375', email: 'maria-jose.garcia@demo.localhost', name: /GARCÍA/i },
        phone: { numeroEtranger: '7503861729', email: 'sigrid.lovas@demo.localhost', name: /LØVÅS/i },
    },
};

export function applicant(journey: Journey): Applicant {
    return APPLICANTS[journey][projectName()];
}

export async function loginAs(page: Page, who: Applicant): Promise<void> {
    await gotoHydrated(page, '/connexion');
    await login(page, who.numeroEtranger, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/demarches$/);
    await waitForHydration(page);
}

/** A small valid PDF (what a scanner produces is larger, but the type is what matters). */
export function pdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
    const body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
    return { name, mimeType: 'application/pdf', buffer: Buffer.from(body) };
}

/** A PDF carrying the EICAR test string, which every antivirus (and the suite's clamd) reports. */
export function infectedPdf(name: string): { name: string; mimeType: string; buffer: Buffer } {
    const eicar = String.raw`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`;
    return { name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n${eicar}\n%%EOF\n`) };
}

export type Choice = { renewal: true } | { other: RegExp };

/** A change made from the recap: the part's title, and the field to change. */
export type RecapEdit = { part: string; field: string; value: string };

/** Ticks a DSFR radio or checkbox the way a user does: on its label (the input itself is drawn by the label). */
export async function tick(page: Page, input: Locator): Promise<void> {
    const id = await input.getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
    await expect(input).toBeChecked();
}

/** "Je demande ou renouvelle un titre de séjour" → orientation → "Je commence" → preamble. */
export async function startApplication(page: Page, choice: Choice): Promise<void> {
    await page.getByRole('link', { name: 'Je demande ou renouvelle un titre de séjour' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Je demande ou renouvelle un titre de séjour' })).toBeVisible();
    await expect(page.getByLabel('Moi-même')).toBeChecked();
    if ('renewal' in choice) {
        await tick(page, page.getByLabel('Je sollicite le renouvellement de ce titre'));
    } else {
        await tick(page, page.getByLabel('Je sollicite un autre titre de séjour'));
        // Closed procedures are listed, greyed out.
        await expect(page.getByRole('radio', { name: /En tant que visiteur/i })).toBeDisabled();
        await tick(page, page.getByRole('radio', { name: choice.other }));
    }
    await expectNoA11yViolations(page, `orientation (${projectName()})`);
    await page.getByRole('button', { name: 'Je commence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Avant de commencer' })).toBeVisible();
    await expect(page).toHaveURL(/\/demarches\/demande\/[0-9a-f-]+\/preambule$/);
}

export type Answers = Record<string, string | boolean>;

/** Fills a catalogue field by id, whatever its control: select, radios (oui/non), checkbox, text. */
export async function fillField(page: Page, field: string, value: string | boolean): Promise<void> {
    if (typeof value === 'boolean') {
        const box = page.locator(`[id="f-${field}"]`);
        if ((await box.isChecked()) !== value) await page.locator(`label[for="f-${field}"]`).click();
        return;
    }
    const radio = page.locator(`[id="f-${field}-${value}"]`);
    if ((await radio.count()) > 0 && (await radio.getAttribute('type')) === 'radio') {
        await tick(page, radio);
        return;
    }
    const control = page.locator(`[id="f-${field}"]`);
    const tag = await control.evaluate((el) => el.tagName.toLowerCase());
    if (tag === 'select') await control.selectOption(value);
    else await control.fill(value);
}

/** Fills the fields of the step on screen, then "Je continue"; waits for the next step's title. */
export async function fillStep(
    page: Page,
    title: string,
    answers: Answers,
    next: string,
    more?: (page: Page) => Promise<void>,
): Promise<void> {
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${title}`) })).toBeVisible();
    for (const [field, value] of Object.entries(answers)) await fillField(page, field, value);
    if (more) await more(page);
    await page.getByRole('button', { name: 'Je continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${next}`) })).toBeVisible();
}

/** Picks, by keyboard, the suggestion `option` of the address search for `query` (the address
 * base imported from its fictional sample): the address fields are filled in. */
export async function pickAddress(page: Page, query: string, option: string): Promise<void> {
    const search = page.getByRole('combobox', { name: /Rechercher votre adresse/ });
    await search.fill(query);
    await expect(page.getByRole('option', { name: option })).toBeVisible();
    await search.press('ArrowDown');
    await search.press('Enter');
}

/** Joins one PDF to every document the step asks for, and waits until each shows its file. */
export async function joinEveryDocument(page: Page): Promise<number> {
    // Seed 004's sections: personal documents under ÉTAT-CIVIL then DOMICILIATION.
    const sections = page.locator('h3.documents-section');
    await expect(sections.first()).toHaveText(/État-civil/i);
    await expect(sections.nth(1)).toHaveText(/Domiciliation/i);
    const inputs = page.locator('input.fr-upload');
    const count = await inputs.count();
    for (let i = 0; i < count; i++) {
        const input = inputs.nth(i);
        const id = (await input.getAttribute('id')) ?? '';
        await input.setInputFiles(pdf(`${id.replace('upload-', '')}.pdf`));
        await expect(page.locator(`#f-documents\\.${id.replace('upload-', '')} .joined-files li`)).toHaveCount(1);
    }
    return count;
}

/** Validates every part of the recap (n/n), then files; returns the file number. */
export async function validateRecapAndSubmit(page: Page, parts: number, observations?: string, edit?: RecapEdit): Promise<string> {
    await expect(page.getByText(`Parties validées : 0/${parts}`)).toBeVisible();
    const submit = page.getByRole('button', { name: 'Valider et transmettre ma demande' });
    await expect(submit).toBeDisabled();
    const validateNext = async (n: number) => {
        await page.getByRole('button', { name: 'Valider et vérifier la suite de ma saisie' }).first().click();
        await expect(page.getByText(`Parties validées : ${n}/${parts}`)).toBeVisible();
    };
    for (let n = 1; n <= parts; n++) await validateNext(n);
    if (edit) {
        // "Modifier ma saisie" on a validated part: its step, then straight back to the recap,
        // where only that part is to validate again, with the reason.
        const part = page.locator('section.fr-accordion').filter({ has: page.getByRole('button', { name: new RegExp(`^${edit.part}`) }) });
        await part.getByRole('button', { name: new RegExp(`^${edit.part}`) }).click();
        await part.getByRole('link', { name: 'Modifier ma saisie' }).click();
        await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${edit.part}`) })).toBeVisible();
        await fillField(page, edit.field, edit.value);
        await page.getByRole('button', { name: 'Je continue' }).click();
        await expect(page.getByRole('heading', { level: 1, name: /^Récapitulatif/ })).toBeVisible();
        await expect(page.getByText(`Parties validées : ${parts - 1}/${parts}`)).toBeVisible();
        await expect(part.getByText('Vous avez modifié cette partie')).toBeVisible();
        await expectNoA11yViolations(page, `recap after an edit (${projectName()})`);
        await validateNext(parts);
    }
    if (observations) await page.locator('#f-observations').fill(observations);
    await expectNoA11yViolations(page, `recap (${projectName()})`);
    await submit.click();
    await expect(page.getByText('Votre demande a bien été enregistrée')).toBeVisible();
    const text = (await page.locator('.fr-alert--success').textContent()) ?? '';
    const number = text.match(/n° (\d{4}-[0-9AB]{3}-\d{6})/)?.[1];
    expect(number, `a file number in "${text}"`).toBeTruthy();
    return number as string;
}

/** The text of a PDF, through pdftotext (poppler-utils, installed by scripts/setup.sh --test). */
export function pdfText(bytes: Buffer): string {
    const dir = process.env.E2E_TMP ?? fs.mkdtempSync('/tmp/anef-e2e-');
    const file = path.join(dir, `receipt-${Date.now()}-${Math.random().toString(16).slice(2)}.pdf`);
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Starts an application past its preamble and fills the personal step (single, no children,
 * plus `personal`); the wizard is then on "Motif de séjour". */
async function startWithPersonalStep(page: Page, choice: Choice, personal: Record<string, string>): Promise<void> {
    await startApplication(page, choice);
    await page.getByRole('link', { name: 'Je continue' }).click();
    await fillStep(page, 'Informations personnelles', { situation_familiale: 'celibataire', enfants: 'non', ...personal }, 'Motif de séjour');
}

/** Files a complete student application through the wizard (the applicant is logged in and on
 * "Mes démarches"); `personal` adds to or replaces the personal step's answers (a visa holder
 * types an address). Returns its file number. */
export async function fileStudentApplication(page: Page, choice: Choice, personal: Record<string, string> = {}): Promise<string> {
    await startWithPersonalStep(page, choice, { date_entree: '2020-09-01', telephone: '07 12 34 56 78', ...personal });
    await fillStep(
        page,
        'Motif de séjour',
        {
            etablissement_type: 'universite',
            etablissement_nom: 'Université de Strasbourg',
            cycle: 'master',
            niveau: 'm1',
            discipline: 'chimie',
            a_venir_meme_etablissement: 'oui',
            a_venir_cycle: 'master',
            a_venir_niveau: 'm2',
        },
        'Ressources',
    );
    await fillStep(page, 'Ressources', { ressource_1_type: 'bourse', ressource_1_montant: '700' }, 'Justificatifs et e-photo');
    await joinEveryDocument(page);
    await fillStep(page, 'Justificatifs et e-photo', { code_ephoto: 'ZX98CV76BN54ML32KJ10HG' }, 'Récapitulatif');
    return validateRecapAndSubmit(page, 4);
}

/** Files an EU citizen's renewal (no longer working) through the wizard; returns its number. */
export async function fileEuRenewal(page: Page): Promise<string> {
    await startWithPersonalStep(page, { renewal: true }, { date_entree: '2015-03-01', telephone: '+41 79 123 45 67' });
    await fillStep(page, 'Motif de séjour', { plus_de_5_ans: 'oui', activite: 'cessation' }, 'Justificatifs et e-photo');
    await joinEveryDocument(page);
    await fillStep(page, 'Justificatifs et e-photo', { code_ephoto: 'QW12ER34TY56UI78OP90AS' }, 'Récapitulatif');
    return validateRecapAndSubmit(page, 3);
}
