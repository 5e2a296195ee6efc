// Helpers on the application's pages.
import { expect, test, type BrowserContext, type Page, type Response, type TestInfo } from '@playwright/test';

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

/**
 * Makes the test's browser a client of its own for the server's per-client rate limits: the
 * suite's server trusts X-Forwarded-For (ANEF_TRUST_PROXY), as behind the production load
 * balancer, and every test gets a different address derived from its id.
 */
export async function actAsDistinctClient(context: BrowserContext, testInfo: TestInfo): Promise<void> {
    let hash = 0;
    for (const char of `${testInfo.testId}:${testInfo.retry}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const address = `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
    await context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
}
