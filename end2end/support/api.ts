// Server functions called as the browser calls them, for journeys that need a file in a given
// state on an instance of their own (the wizard itself is tested in filing.spec.ts).
import { expect, type APIRequestContext } from '@playwright/test';

import { DEMO_PASSWORD, pdf } from './filing';

/** The demo student of the API journeys (each runs on its own instance, so she is free). */
export const SOFIA = { numeroEtranger: '9102458731', email: 'sofia.hernandez@demo.localhost' };

/** Calls a server function as the browser does (same origin), failing loudly on an error. */
export async function call(api: APIRequestContext, base: string, endpoint: string, body: { form?: Record<string, string>; json?: unknown }) {
    const response = await api.post(`${base}/api/${endpoint}`, {
        headers: { origin: base },
        ...(body.json !== undefined ? { data: body.json } : { form: body.form ?? {} }),
    });
    expect(response.status(), `${endpoint}: ${await response.text()}`).toBeLessThan(300);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** Files a complete student application through the server functions (the wizard itself is tested in filing.spec.ts). */
export async function fileStudentApplication(api: APIRequestContext, base: string): Promise<string> {
    await call(api, base, 'session/login', { form: { identifier: SOFIA.numeroEtranger, password: DEMO_PASSWORD } });
    const id: string = await call(api, base, 'demandes/creer', { form: { procedure: 'etudiant', request_kind: 'renouvellement' } });
    for (const document of ['passeport', 'justificatif_domicile', 'inscription', 'resultats', 'justificatif_ressources', 'titre_sejour']) {
        const upload = await api.post(`${base}/api/demandes/${id}/pieces/${document}?nom=${document}.pdf`, {
            headers: { origin: base },
            data: pdf(`${document}.pdf`).buffer,
        });
        expect(upload.status(), document).toBe(201);
    }
    const steps: [string, Record<string, string>][] = [
        ['informations', { date_entree: '2021-09-01', situation_familiale: 'celibataire', enfants: 'non', adresse_voie: '12 rue de la Hunière',
            adresse_code_postal: '91120', adresse_commune: 'Palaiseau', adresse_pays: 'FR', adresse_code_insee: '91477', telephone: '06 12 34 56 78' }],
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
