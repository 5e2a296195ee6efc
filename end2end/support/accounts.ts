// Account journeys shared by the specs: the people they use and the steps of the forms.
//
// Both projects (desktop, phone) run against the same server and database, so every journey that
// creates or changes an account takes a different seeded person per project
// (server/data/seed/README.md lists them).
import { expect, type Page } from '@playwright/test';

import { expectNoA11yViolations } from './a11y';
import { openHeaderMenu, projectName, waitForHydration } from './app';
import { extractLink, waitForMail } from './mail';

export type Document = { number: string; from: [number, number, number]; to: [number, number, number] };
export type TitleHolder = Document & { numeroEtranger: string };

/** Seeded title holders without an account, one per project and journey. */
export const TITLE_HOLDERS: Record<string, Record<'desktop' | 'phone', TitleHolder>> = {
    signup: {
        desktop: { number: '9924249514', numeroEtranger: '6904182735', from: [1, 11, 2024], to: [31, 10, 2027] },
        phone: { number: '9924656881', numeroEtranger: '3103746152', from: [1, 12, 2024], to: [30, 11, 2027] },
    },
    weakPassword: {
        desktop: { number: '9925403301', numeroEtranger: '3805219486', from: [1, 9, 2025], to: [31, 8, 2028] },
        phone: { number: '9925700733', numeroEtranger: '3304561827', from: [1, 1, 2025], to: [31, 12, 2027] },
    },
    keyboard: {
        desktop: { number: '9924037967', numeroEtranger: '3802746519', from: [15, 1, 2024], to: [14, 1, 2028] },
        phone: { number: '9924065435', numeroEtranger: '1303658247', from: [1, 11, 2024], to: [31, 10, 2028] },
    },
};

/** Seeded VLS-TS without a numéro étranger (not yet validated), one per project. */
export const VISA_HOLDERS: Record<'desktop' | 'phone', Document> = {
    desktop: { number: 'FRA261048375', from: [1, 9, 2026], to: [31, 8, 2027] },
    phone: { number: 'FRA261139462', from: [25, 8, 2026], to: [24, 8, 2027] },
};

/** Demo accounts (password Demo-2026!) whose password the forgotten-password journey changes. */
export const FORGETFUL: Record<'desktop' | 'phone', { numeroEtranger: string; email: string }> = {
    desktop: { numeroEtranger: '9101837465', email: 'priya.raghunathan@demo.localhost' },
    phone: { numeroEtranger: '5901284736', email: 'lukasz.wisniewski@demo.localhost' },
};

export const STRONG_PASSWORD = 'Nouveau-2026!';

export function titleHolder(journey: keyof typeof TITLE_HOLDERS): TitleHolder {
    return TITLE_HOLDERS[journey][projectName()];
}

/** A unique e-mail address for this test run and project. */
export function freshEmail(label: string): string {
    return `${label}.${projectName()}.${Date.now()}@e2e.localhost`;
}

export async function fillDate(page: Page, id: string, [day, month, year]: [number, number, number]): Promise<void> {
    await page.locator(`#${id}`).fill(String(day));
    await page.locator(`#${id}-month`).fill(String(month));
    await page.locator(`#${id}-year`).fill(String(year));
}

/** Fills and sends the "Créez votre compte" half of the login page (already open and hydrated). */
export async function submitDocument(page: Page, doc: Document): Promise<void> {
    await page.locator('#signup-number').fill(doc.number);
    await fillDate(page, 'signup-valid_from', doc.from);
    await fillDate(page, 'signup-valid_to', doc.to);
    await page.getByRole('button', { name: 'Créer un compte' }).click();
}

/** E-mail step, then the "bien enregistrée" page; returns the link of the confirmation e-mail. */
export async function submitEmailAndReadLink(page: Page, email: string): Promise<string> {
    await expect(page.getByRole('heading', { level: 1, name: 'Création de compte' })).toBeVisible();
    await expectNoA11yViolations(page, `signup e-mail step (${projectName()})`);
    const since = Date.now();
    await page.locator('#signup-email').fill(email);
    await page.locator('#signup-email_confirmation').fill(email);
    await page.getByRole('button', { name: 'Valider' }).click();
    await expect(page.getByText('Demande de création de compte bien enregistrée.')).toBeVisible();
    await expect(page).toHaveURL(/\/compte\/creation\/enregistree$/);
    await expectNoA11yViolations(page, `signup registered (${projectName()})`);
    const mail = await waitForMail({ to: email, subject: /Confirmez votre adresse/, since });
    expect(mail.html, 'the confirmation e-mail has an HTML part').toContain('<a ');
    return extractLink(mail.text, '/compte/activation');
}

export async function login(page: Page, identifier: string, password: string): Promise<void> {
    await page.locator('#login-identifier').fill(identifier);
    await page.locator('#login-password').fill(password);
    await page.getByRole('button', { name: "S'identifier" }).click();
}

/** Opens the user menu (behind the "Menu" button on a phone) and logs out. */
export async function logout(page: Page, displayName: RegExp | string): Promise<void> {
    await openHeaderMenu(page);
    await page.getByRole('button', { name: displayName }).click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/$/);
    await waitForHydration(page);
}
