// Helpers on the application's pages.
import { expect, test, type Page, type Response } from '@playwright/test';

/** Selector of the hydration marker the app sets once the wasm has hydrated (docs/contracts.md). */
export const HYDRATED = 'body[data-hydrated="true"]';

/** Navigates to `path` (relative to BASE_URL) and waits until the app has hydrated. */
export async function gotoHydrated(page: Page, path: string, options: { timeoutMs?: number } = {}): Promise<Response | null> {
    const response = await page.goto(path);
    await waitForHydration(page, options);
    return response;
}

/** Waits for the hydration marker on the current page (after a click that loads a new document). */
export async function waitForHydration(page: Page, options: { timeoutMs?: number } = {}): Promise<void> {
    await expect(page.locator(HYDRATED), `the page ${page.url()} did not hydrate`).toHaveCount(1, {
        timeout: options.timeoutMs ?? 30_000,
    });
}

/** The Playwright project the current test runs in ('desktop' or 'phone'). */
export function projectName(): 'desktop' | 'phone' {
    return test.info().project.name as 'desktop' | 'phone';
}

/** True in the 'phone' project (360×740, touch): e.g. the header menu is behind a button. */
export function isPhone(): boolean {
    return projectName() === 'phone';
}
