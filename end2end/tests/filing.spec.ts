// The filing wizard of SPEC §3–5 in both projects (desktop 1280 px, phone 360 px): one complete
// application for the open procedures, with real uploads, the receipt PDF read with
// pdftotext and the e-mail with the PDF attached; then a draft's life: bad inputs, a reload, a
// lost connection, quit and resume, refused files, two tabs, abandon. Pages are checked with
// axe-core.
import fs from 'node:fs';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { expectNoA11yViolations } from '../support/a11y';
import { actAsDistinctClient, gotoHydrated, postExpectingContinue, projectName, waitForHydration } from '../support/app';
import {
    applicant,
    fillField,
    fillStep,
    infectedPdf,
    joinEveryDocument,
    loginAs,
    pdf,
    pdfText,
    startApplication,
    tick,
    validateRecapAndSubmit,
    type Answers,
    type Applicant,
    type Choice,
    type RecapEdit,
} from '../support/filing';
import { newBrowserPage } from '../support/agents';
import { startInstance } from '../support/instance';
import { waitForMail } from '../support/mail';

test.beforeEach(async ({ context }, testInfo) => actAsDistinctClient(context, testInfo));

const PERSONAL: Answers = {
    date_entree: '2019-09-01',
    situation_familiale: 'celibataire',
    enfants: 'non',
    telephone: '06 12 34 56 78',
};

type Filing = {
    who: Applicant;
    choice: Choice;
    procedure: string;
    personal?: Answers;
    /** Title of each form step after the personal one, with its answers (and more to do there). */
    steps: { title: string; answers: Answers; more?: (page: Page) => Promise<void> }[];
    /** A part changed once all are validated. */
    editFromRecap?: RecapEdit;
    /** A timely renewal: the attestation de prolongation d'instruction comes with the receipt. */
    attestation?: boolean;
};

/** Files a complete application, then checks the receipt, the e-mail and "Mes démarches";
 * returns the file number. */
async function fileApplication(page: Page, filing: Filing): Promise<string> {
    const since = Date.now();
    await loginAs(page, filing.who);
    await startApplication(page, filing.choice);
    await expect(page.getByText(filing.procedure).first()).toBeVisible();
    // The procedure's own introduction, and where to write observations.
    await expect(page.locator('.preamble-intro')).toHaveText(/^(Vous|Votre) /);
    await expect(page.getByText(/Observations à destination de l.administration/).first()).toBeVisible();
    await expectNoA11yViolations(page, `preamble ${filing.procedure} (${projectName()})`);
    await page.getByRole('link', { name: 'Je continue' }).click();

    // Personal information: the register's civil status is shown, read-only.
    await expect(page.getByRole('heading', { level: 2, name: 'État civil' })).toBeVisible();
    await expect(page.locator('.civil-status')).toContainText(filing.who.name);
    await expectNoA11yViolations(page, `personal step ${filing.procedure} (${projectName()})`);
    const titles = [...filing.steps.map((s) => s.title), 'Justificatifs et e-photo'];
    await fillStep(page, 'Informations personnelles', { ...PERSONAL, ...filing.personal }, titles[0]);
    for (const [i, step] of filing.steps.entries()) {
        await expectNoA11yViolations(page, `${step.title} ${filing.procedure} (${projectName()})`);
        await fillStep(page, step.title, step.answers, titles[i + 1], step.more);
    }

    // Documents, computed from the answers, each with a real upload; then the e-photo code.
    await expect(page.getByText(/e-photo pour permis de conduire/)).toBeVisible();
    const documents = await joinEveryDocument(page);
    expect(documents).toBeGreaterThanOrEqual(3);
    await expectNoA11yViolations(page, `documents ${filing.procedure} (${projectName()})`);
    await fillStep(page, 'Justificatifs et e-photo', { code_ephoto: 'AB12CD34EF56GH78IJ90KL' }, 'Récapitulatif');

    const number = await validateRecapAndSubmit(page, filing.steps.length + 2, 'Rien à signaler.', filing.editFromRecap);
    await expectNoA11yViolations(page, `confirmation ${filing.procedure} (${projectName()})`);
    // The seeds' confirmation: spam advice, social cover, the deadline of requested documents.
    await expect(page.getByText(/courriers indésirables/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'ameli.fr' })).toBeVisible();
    await expect(page.getByText(/disposez de 30 jours/)).toBeVisible();

    // "Je donne mon avis": nothing chosen is refused, then a rating and a comment are recorded.
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect(page.locator('#feedback-rating')).toContainText('Ce champ est obligatoire.');
    await tick(page, page.getByRole('radio', { name: '4 – Facile' }));
    await page.getByLabel('Votre commentaire (facultatif)').fill('Clair, plus rapide qu’au guichet.');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect(page.getByText('Merci : votre avis est enregistré.')).toBeVisible();

    // The receipt, from the confirmation page.
    const href = await page.getByRole('link', { name: /Télécharger la confirmation de dépôt/ }).getAttribute('href');
    const receipt = await page.request.get(href ?? '');
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toBe('application/pdf');
    const text = pdfText(await receipt.body());
    expect(text, text).toContain('Confirmation de dépôt');
    expect(text).toContain(number);
    expect(text).toContain(filing.procedure);
    expect(text).toMatch(/Passeport/);

    // The e-mail, with the same PDF attached.
    const mail = await waitForMail({ to: filing.who.email, subject: new RegExp(number), since });
    const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.filename).toContain(number);
    expect(pdfText(attachment?.content ?? Buffer.alloc(0))).toContain(number);

    // A timely renewal: the attestation is announced, attached beside the receipt, and checkable.
    if (filing.attestation) {
        await expect(page.locator('.attestation-notice')).toContainText(/attestation de prolongation d'instruction, valable jusqu'au \d{2}\/\d{2}\/\d{4}/);
        expect(mail.attachments.map((a) => a.filename)).toContainEqual(expect.stringContaining('attestation-prolongation-instruction'));
    }

    // Home: the file and its status.
    await page.getByRole('link', { name: 'Retour à mes démarches' }).click();
    await waitForHydration(page);
    const row = page.getByRole('row', { name: new RegExp(number) });
    await expect(row).toContainText('Déposée');
    await expect(row).toContainText(filing.procedure);
    await expectNoA11yViolations(page, `my applications with a file (${projectName()})`);
    if (filing.attestation) {
        const link = row.getByRole('link', { name: "Attestation de prolongation d'instruction" });
        const attestation = await page.request.get((await link.getAttribute('href')) ?? '');
        expect(attestation.status()).toBe(200);
        const text = pdfText(await attestation.body());
        expect(text, text).toContain("Attestation de prolongation d'instruction");
        expect(text).toContain(number);
        expect(text).toMatch(/conserve les droits attachés au titre/);
        // Its verification code opens /verifier, which says it is authentic and valid.
        const verify = /\/verifier\?document=([2-9A-Z]{9})/.exec(text.replace(/\s+/g, ''));
        expect(verify, text).not.toBeNull();
        await gotoHydrated(page, `/verifier?document=${verify?.[1]}`);
        await expect(page.locator('.verify-result')).toContainText('Document authentique et en cours de validité');
        await expect(page.locator('.verify-result')).toContainText(number);
        await expectNoA11yViolations(page, `verifier document (${projectName()})`);
    }
    return number;
}

test('a student files a complete application, with the resources warning', async ({ page }) => {
    // Resources below the minimum (550,50 €) warn and never block.
    await fileApplication(page, {
        who: applicant('student'),
        choice: projectName() === 'desktop' ? { renewal: true } : { other: /En tant qu'étudiant/ },
        procedure: 'Étudiant',
        steps: [
            {
                title: 'Motif de séjour',
                answers: {
                    etablissement_type: 'universite',
                    etablissement_nom: 'Université Paris-Saclay',
                    cycle: 'master',
                    niveau: 'm2',
                    discipline: 'informatique',
                    // The coming year elsewhere: its institution is asked too.
                    a_venir_meme_etablissement: 'non',
                    a_venir_etablissement_type: 'ecole_ingenieur',
                    a_venir_etablissement_nom: 'École polytechnique',
                    a_venir_cycle: 'doctorat',
                    a_venir_niveau: 'doctorat_1',
                },
            },
            { title: 'Ressources', answers: { ressource_1_type: 'bourse', ressource_1_montant: '400', ressource_2_type: 'virement', ressource_2_montant: '150,50' } },
        ],
        editFromRecap: { part: 'Motif de séjour', field: 'discipline', value: 'mathematiques' },
        // Her title runs to 30/09/2027: a renewal filed now is timely (early).
        attestation: projectName() === 'desktop',
    });
});

test('the resources step totals live and warns below 615 € without blocking', async ({ page }) => {
    // Checked on its own page state: the total follows the typing.
    const who = applicant('student');
    await loginAs(page, who);
    await startApplication(page, projectName() === 'desktop' ? { renewal: true } : { other: /En tant qu'étudiant/ });
    await page.getByRole('link', { name: 'Je continue' }).click();
    await fillStep(page, 'Informations personnelles', PERSONAL, 'Motif de séjour');
    await fillStep(
        page,
        'Motif de séjour',
        {
            etablissement_type: 'iut',
            etablissement_nom: 'IUT d’Orsay',
            cycle: 'dut',
            niveau: 'autre',
            discipline: 'informatique',
            a_venir_meme_etablissement: 'oui',
            a_venir_cycle: 'licence',
            a_venir_niveau: 'l3',
        },
        'Ressources',
    );
    await fillField(page, 'ressource_1_type', 'bourse');
    await fillField(page, 'ressource_1_montant', '400');
    await expect(page.getByText('Total de vos ressources mensuelles : 400 €')).toBeVisible();
    await expect(page.getByText(/inférieures au minimum attendu/)).toBeVisible();
    await fillField(page, 'ressource_2_type', 'salaire');
    await fillField(page, 'ressource_2_montant', '300,50');
    await expect(page.getByText('Total de vos ressources mensuelles : 700,50 €')).toBeVisible();
    await expect(page.getByText(/inférieures au minimum attendu/)).toBeHidden();
    await expectNoA11yViolations(page, `resources (${projectName()})`);
    await page.getByRole('link', { name: 'Quitter et revenir plus tard' }).click();
    await expect(page).toHaveURL(/\/demarches$/);
});

test('a researcher files a passeport talent application from another title', async ({ page }) => {
    await fileApplication(page, {
        who: applicant('researcher'),
        choice: { other: /chercheur \/ chercheur en mobilité/ },
        procedure: 'Passeport talent',
        // A parent: the children are a repeated group, and their birth certificates are asked.
        personal: {
            enfants: 'oui',
            'enfants_liste.0.nom': 'Ouédraogo',
            'enfants_liste.0.prenoms': 'Awa',
            'enfants_liste.0.date_naissance': '2018-04-09',
            'enfants_liste.0.nationalite': 'BF',
            'enfants_liste.0.en_france': 'oui',
        },
        steps: [
            {
                title: 'Motif de séjour',
                answers: {
                    diplome_intitule: 'Doctorat en physique',
                    diplome_date: '2024-06-30',
                    diplome_etablissement: 'Université Grenoble Alpes',
                    diplome_edite: 'non',
                    organisme_accueil: 'CNRS – Institut Néel',
                    mobilite_ue: 'oui',
                    nature_lien: 'convention_accueil',
                    ressources_montant: '2850',
                },
            },
        ],
    });
});

test('a highly qualified employee files a passeport talent, the diploma asked by the sub-mention', async ({ page }) => {
    await fileApplication(page, {
        who: applicant('talentEmployee'),
        choice: projectName() === 'desktop' ? { renewal: true } : { other: /^Passeport talent – salarié qualifié/ },
        procedure: 'salarié qualifié',
        steps: [
            {
                title: 'Motif de séjour',
                answers: {
                    // First the sub-mention: it brings up the diploma field.
                    sous_mention: 'carte_bleue_europeenne',
                    employeur_nom: 'Dassault Systèmes',
                    poste: 'Ingénieur logiciel',
                    contrat_debut: '2027-01-04',
                    remuneration_brute: '5200',
                    diplome_intitule: 'Master of Technology',
                },
            },
        ],
    });
});

/** The SMIC-based minimum of a talent sub-mention as the wizard prints it ("3 603,60 €"). */
const euros = (text: string) => new RegExp(text.replace(' ', '\\s'));

/** A talent family's journey: the orientation entry, the sub-mention's minimum checked live. */
type TalentFamily = {
    who: string;
    entry: RegExp;
    procedure: string;
    answers: Answers;
    /** The minimum the sub-mention brings and an amount below it; or the total alone; or no resources asked. */
    minimum: { text: string; below: string } | 'total only' | 'not asked';
};

const SEYDOU: Applicant = { numeroEtranger: '9104619358', email: 'seydou.ouedraogo@demo.localhost', name: /OUÉDRAOGO/i };
const CHINEDU: Applicant = { numeroEtranger: '9204736185', email: 'chinedu.okafor@demo.localhost', name: /OKAFOR/i };

// Each of the four other motive families of seed 003 is filed once, two on each viewport, on an
// instance of the test's own (its demo holders are free there).
const TALENT_FAMILIES: Record<'desktop' | 'phone', [Applicant, TalentFamily][]> = {
    desktop: [
        [SEYDOU, {
            who: 'mandataire', entry: /^Passeport talent – investisseur ou porteur/, procedure: 'investisseur ou porteur',
            answers: { sous_mention: 'mandataire_social', societe_nom: 'Sahel Énergies SAS', societe_siret: '12345678901234', projet_description: 'Directeur général de la filiale française.' },
            minimum: { text: '5 405,40 €', below: '4000' },
        }],
        [CHINEDU, {
            who: 'artiste', entry: /^Passeport talent – artiste/, procedure: 'artiste',
            answers: { sous_mention: 'artiste_non_salarie', discipline: 'Arts plastiques', structure_nom: 'Galerie du Canal' },
            minimum: { text: '1 261,26 €', below: '900' },
        }],
    ],
    phone: [
        [SEYDOU, {
            who: 'renommee', entry: /^Passeport talent – renommée internationale/, procedure: 'renommée internationale',
            answers: { domaine: 'Littérature', projet_description: 'Résidence d’écriture et traduction de mon dernier roman.' },
            minimum: 'total only',
        }],
        [CHINEDU, {
            who: 'famille', entry: /^Passeport talent – membre de famille/, procedure: 'membre de famille',
            answers: { sous_mention: 'famille_conjoint', titulaire_nom: 'Adaeze OKAFOR', titulaire_numero: '9204736186' },
            minimum: 'not asked',
        }],
    ],
};

test('the four other passeport talent families are filed, each with its sub-mention and its minimum', async ({ browser }, testInfo) => {
    test.setTimeout(600_000);
    const dataDir = path.join(process.env.E2E_TMP ?? '', `talent-${projectName()}-${Date.now()}`);
    const instance = await startInstance({ dataDir, label: `talent-${projectName()}` });
    try {
        for (const [who, family] of TALENT_FAMILIES[projectName()]) {
            const page = await newBrowserPage(browser, testInfo, family.who, instance.baseURL);
            const amount: Answers = family.minimum === 'not asked' ? {} : { ressources_montant: '6000' };
            await fileApplication(page, {
                who,
                choice: { other: family.entry },
                procedure: family.procedure,
                steps: [{
                    title: 'Motif de séjour',
                    answers: { ...family.answers, ...amount },
                    more: async (page) => {
                        if (family.minimum === 'not asked') {
                            await expect(page.locator('.resources-total')).toHaveCount(0);
                            return;
                        }
                        // The live total; the minimum follows the sub-mention, a warning below it, never a block.
                        const total = page.locator('.resources-total');
                        await expect(total).toContainText(euros('6 000 €'));
                        if (family.minimum !== 'total only') {
                            await expect(total).toContainText(euros(family.minimum.text));
                            await fillField(page, 'ressources_montant', family.minimum.below);
                            await expect(total.getByText(/inférieures au minimum attendu/)).toBeVisible();
                            await fillField(page, 'ressources_montant', '6000');
                            await expect(total.getByText(/inférieures au minimum attendu/)).toBeHidden();
                        } else {
                            await expect(total).not.toContainText('minimum');
                        }
                        await expectNoA11yViolations(page, `talent motive ${family.who} (${projectName()})`);
                    },
                }],
            });
            await page.context().close();
        }
    } finally {
        await instance.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
    }
});

test('an EU citizen renews as an employee, married, then withdraws the application', async ({ page }) => {
    const number = await fileApplication(page, {
        who: applicant('euCitizen'),
        choice: { renewal: true },
        procedure: 'Citoyen',
        personal: { situation_familiale: 'marie', conjoint_nationalite: 'FR', conjoint_en_france: 'oui' },
        steps: [
            {
                title: 'Motif de séjour',
                answers: {
                    plus_de_5_ans: 'oui',
                    activite: 'en_activite',
                    contrat_type: 'cdi',
                    contrat_debut: '2020-01-06',
                    emploi: 'Comptable',
                    salaire: '2400',
                    employeur_nom: 'Cabinet Durand',
                    employeur_siret: '12345678901234',
                    employeur_adresse: '1 place Masséna, 06000 Nice',
                },
            },
        ],
    });

    // The account page follows it: stages, place in the waiting line, the estimate or why none.
    await gotoHydrated(page, '/compte');
    const file = page.locator(`article.account-file`, { hasText: number });
    const tracker = file.locator('.tracker');
    await expect(tracker.getByRole('heading', { name: 'Où en est ma demande ?' })).toBeVisible();
    await expect(tracker.locator('[aria-current="step"]')).toContainText('Demande déposée');
    await expect(tracker.locator('.tracker__position')).toContainText(/Votre dossier est le n° \d+ parmi ceux qui attendent/);
    await expect(tracker.locator('.tracker__estimate')).toBeVisible();

    // Every prefecture's figures, public.
    await tracker.getByRole('link', { name: 'Délais de toutes les préfectures' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Délais de traitement des préfectures' })).toBeVisible();
    await waitForHydration(page);
    await page.getByLabel('Préfecture ou sous-préfecture').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Afficher les délais' }).click();
    await expect(page.locator('h2.delays-prefecture')).toBeVisible();
    await expect(page.getByRole('row', { name: /Citoyen/ })).toBeVisible();
    await expectNoA11yViolations(page, `prefecture delays (${projectName()})`);

    // From the account page: the button opens the confirmation, which says what it means.
    await gotoHydrated(page, '/compte');
    await file.getByRole('button', { name: 'Retirer ma demande' }).click();
    await expect(file.getByText(/elle sera classée sans suite/)).toBeVisible();
    await expectNoA11yViolations(page, `withdrawal confirmation (${projectName()})`);
    await file.getByLabel(/Pourquoi retirez-vous votre demande/).fill('Je quitte la France pour un poste à Genève.');
    await file.getByRole('button', { name: 'Confirmer le retrait' }).click();
    await expect(page.getByText(`Votre demande n° ${number} est retirée : elle est classée sans suite.`)).toBeVisible();
    await waitForHydration(page);
    const closed = page.locator(`article.account-file`, { hasText: number });
    await expect(closed).toContainText('Clôturée');
    await expect(closed).toContainText("Demande retirée : classée sans suite à la demande de l'usager");
    await expect(closed.getByRole('button', { name: 'Retirer ma demande' })).toHaveCount(0);
    await expectNoA11yViolations(page, `account after a withdrawal (${projectName()})`);
});

test('a seasonal worker renews', async ({ page }) => {
    await fileApplication(page, {
        who: applicant('seasonal'),
        choice: { renewal: true },
        procedure: 'saisonnier',
        steps: [
            {
                title: 'Motif de séjour',
                answers: {
                    'contrats.0.employeur_nom': 'Domaine des Vergers',
                    'contrats.0.employeur_siret': '98765432109876',
                    'contrats.0.contrat_debut': '2026-03-01',
                    'contrats.0.contrat_fin': '2026-07-31',
                    periodes_travaillees: 'Du 1er mars au 31 octobre 2025, puis du 1er mars au 31 octobre 2026.',
                    attestation_residence_hors_france: true,
                },
                // A second contract, with another employer.
                more: async (page) => {
                    await page.getByRole('button', { name: 'Ajouter un contrat' }).click();
                    await expect(page.getByRole('heading', { name: 'Contrat saisonnier 2' })).toBeVisible();
                    await fillField(page, 'contrats.1.employeur_nom', 'Vergers du Lubéron');
                    await fillField(page, 'contrats.1.employeur_siret', '12312312312312');
                    await fillField(page, 'contrats.1.contrat_debut', '2026-08-01');
                    await fillField(page, 'contrats.1.contrat_fin', '2026-10-31');
                },
            },
        ],
    });
});

test('a draft survives bad input, a reload, a lost connection, quitting, refused files and a second tab', async ({ page, context }) => {
    const who = applicant('drafts');
    await loginAs(page, who);
    await startApplication(page, { renewal: true });

    // The preamble's list of documents is a PDF printed from the catalogue.
    const list = await page.request.get((await page.getByRole('link', { name: /liste des justificatifs/ }).getAttribute('href')) ?? '');
    expect(pdfText(await list.body())).toContain('Passeport');
    await page.getByRole('link', { name: 'Je continue' }).click();

    // Missing and malformed fields: a summary, and a message next to each field.
    await expect(page.getByRole('heading', { level: 1, name: /^Informations personnelles/ })).toBeVisible();
    // A renewal's address is the account's (seed 001): shown, not typed, with where to declare a move.
    const address = page.getByRole('region', { name: 'Votre adresse' });
    await expect(address.getByText('France', { exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: /Rechercher votre adresse/ })).toHaveCount(0);
    await expect(address.getByRole('link', { name: "Déclarer un changement d'adresse dans mon compte" })).toHaveAttribute('href', '/compte#coordonnees');
    await fillField(page, 'telephone', '12345');
    await page.getByRole('button', { name: 'Je continue' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await expect(page.locator('#f-telephone-error')).toContainText('Numéro de téléphone mobile invalide');
    await expect(page.locator('#f-situation_familiale-error')).toContainText('Ce champ est obligatoire.');
    await expectNoA11yViolations(page, `personal step with errors (${projectName()})`);
    await fillStep(page, 'Informations personnelles', PERSONAL, 'Motif de séjour');

    // Typed, then reloaded: the input is restored from the browser.
    await fillField(page, 'plus_de_5_ans', 'non');
    await fillField(page, 'activite', 'en_activite');
    await fillField(page, 'emploi', 'Ingénieure');
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByText('Nous avons restauré la saisie non enregistrée')).toBeVisible();
    await expect(page.locator('#f-emploi')).toHaveValue('Ingénieure');

    // The connection drops: the page says so, the step waits, and is saved when it comes back.
    await context.setOffline(true);
    await expect(page.getByText(/Connexion perdue/)).toBeVisible();
    await fillField(page, 'contrat_type', 'cdd');
    await fillField(page, 'contrat_debut', '2025-02-01');
    await fillField(page, 'salaire', '2100');
    await fillField(page, 'employeur_nom', 'Airbus');
    await fillField(page, 'employeur_siret', '38347481400100');
    await fillField(page, 'employeur_adresse', '2 rond-point Dewoitine, 31700 Blagnac');
    await page.getByRole('button', { name: 'Je continue' }).click();
    await expect(page.getByText('Votre étape sera enregistrée dès le retour de la connexion.')).toBeVisible();
    await context.setOffline(false);
    await expect(page.getByRole('heading', { level: 1, name: /^Justificatifs et e-photo/ })).toBeVisible();

    // Refused files: a text renamed .pdf, 11 MB; then a fourth file cannot be added.
    const passport = page.locator('#upload-passeport');
    await passport.setInputFiles({ name: 'passeport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Bonjour, ceci est un texte.') });
    await expect(page.locator('#upload-passeport-error')).toContainText("n'est pas au format JPG, PNG, BMP, TIFF ou PDF");
    const big = Buffer.alloc(11 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n');
    await passport.setInputFiles({ name: 'gros.pdf', mimeType: 'application/pdf', buffer: big });
    await expect(page.locator('#upload-passeport-error')).toContainText('dépasse 10 Mo');
    // A file with a virus is refused by the scan, and not kept.
    await passport.setInputFiles(infectedPdf('passeport-virus.pdf'));
    await expect(page.locator('#upload-passeport-error')).toContainText('Notre antivirus a trouvé un virus dans ce fichier');
    await expect(page.locator('#f-documents\\.passeport .joined-files li')).toHaveCount(0);
    for (const n of [1, 2, 3]) {
        await passport.setInputFiles(pdf(`passeport-${n}.pdf`));
        await expect(page.locator('#f-documents\\.passeport .joined-files li')).toHaveCount(n);
    }
    await expect(passport).toBeDisabled();
    await expect(page.getByText('3 fichiers joints : supprimez-en un pour en ajouter un autre.')).toBeVisible();
    // The server refuses the same, whatever the browser does.
    const id = page.url().match(/demande\/([0-9a-f-]+)\//)?.[1] ?? '';
    const origin = { origin: new URL(page.url()).origin };
    const fourth = await page.request.post(`/api/demandes/${id}/pieces/passeport?nom=quatre.pdf`, { data: pdf('quatre.pdf').buffer, headers: origin });
    expect(fourth.status()).toBe(422);
    const oversize = await postExpectingContinue(page, `/api/demandes/${id}/pieces/justificatif_domicile?nom=gros.pdf`, big, origin);
    expect(oversize).toBe(413);
    // Removing one frees a place.
    await page.getByRole('button', { name: 'Supprimer passeport-3.pdf' }).click();
    await expect(page.locator('#f-documents\\.passeport .joined-files li')).toHaveCount(2);
    await expect(passport).toBeEnabled();
    await expectNoA11yViolations(page, `documents with errors (${projectName()})`);

    // Missing documents block the step, with the documents named.
    await fillField(page, 'code_ephoto', 'AB12CD34EF56GH78IJ90KL');
    await page.getByRole('button', { name: 'Je continue' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await expect(page.locator('#upload-justificatif_domicile-error')).toContainText('Ce champ est obligatoire.');

    // Quit, come back from "Mes démarches": the draft resumes at the last saved step.
    await page.getByRole('link', { name: 'Quitter et revenir plus tard' }).click();
    await expect(page).toHaveURL(/\/demarches$/);
    await waitForHydration(page);
    const draftRow = page.getByRole('row', { name: /Brouillon/ }).filter({ hasText: 'Citoyen' });
    await draftRow.getByRole('link', { name: 'Reprendre ma demande' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Justificatifs et e-photo/ })).toBeVisible();
    await expect(page.locator('#f-documents\\.passeport .joined-files li')).toHaveCount(2);

    // Two tabs: the second saves over a version the first already replaced, and is told so.
    const motive = page.url().replace(/justificatifs$/, 'motif');
    const second = await context.newPage();
    await gotoHydrated(second, motive);
    await gotoHydrated(page, motive);
    await page.getByRole('button', { name: 'Je continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Justificatifs et e-photo/ })).toBeVisible();
    await second.getByRole('button', { name: 'Je continue' }).click();
    await expect(second.getByText(/modifiée depuis un autre onglet/)).toBeVisible();
    await second.close();

    // Abandon, after a confirmation.
    await page.getByRole('button', { name: 'Abandonner la demande' }).click();
    await page.getByRole('button', { name: 'Oui, abandonner la demande' }).click();
    await expect(page).toHaveURL(/\/demarches$/);
    await waitForHydration(page);
    await expect(page.getByRole('row', { name: /Abandonnée/ }).first()).toBeVisible();
    // Only an abandoned draft: no link in the table, yet its scrolling region (on a phone) is
    // reached by keyboard and named.
    const table = page.locator('.fr-table__container[role="region"][aria-label="Mes demandes"]');
    await table.focus();
    await expect(table).toBeFocused();
    await expectNoA11yViolations(page, `my applications with only an abandoned draft (${projectName()})`);
});

test('a VLS-TS passeport talent holder picks the sub-mention', async ({ page }) => {
    await loginAs(page, { numeroEtranger: '7506492815', email: 'dorde.petrovic@demo.localhost', name: /petrović/i });
    await page.getByRole('link', { name: 'Je demande ou renouvelle un titre de séjour' }).click();
    await tick(page, page.getByLabel(/Je demande mon titre « passeport talent »/));
    // Every sub-mention of seed 003 is open.
    await expect(page.getByRole('radio', { name: /^Salarié hautement qualifié \(carte bleue européenne\)/ })).toBeEnabled();
    await expect(page.getByRole('radio', { name: /^Enfant, jeune majeur|enfant, jeune majeur$/ })).toBeEnabled();
    // Nothing picked: the page says what is missing.
    await page.getByRole('button', { name: 'Je commence' }).click();
    await expect(page.getByRole('heading', { name: 'Le formulaire contient des erreurs' })).toBeVisible();
    await tick(page, page.getByRole('radio', { name: /^Mandataire social/ }));
    await expectNoA11yViolations(page, `talent mention picker (${projectName()})`);
    await page.getByRole('button', { name: 'Je commence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Avant de commencer' })).toBeVisible();
    await expect(page.getByText("Passeport talent – investisseur ou porteur d'un projet économique").first()).toBeVisible();
});

test('the wizard is out of reach without logging in', async ({ page }) => {
    await page.goto('/demarches/nouvelle');
    await expect(page).toHaveURL(/\/connexion\?retour=/);
    const files = await page.request.get('/api/demandes/00000000-0000-0000-0000-000000000000/fichiers/1');
    expect([401, 404]).toContain(files.status());
});
