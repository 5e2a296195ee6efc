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
 * suite's server counts one proxy in front of it (ANEF_PROXY_HOPS=1), so the last
 * X-Forwarded-For entry is the client, as the production load balancer writes it; every test
 * gets a different address derived from its id.
 */
export async function actAsDistinctClient(context: BrowserContext, testInfo: TestInfo): Promise<void> {
    let hash = 0;
    for (const char of `${testInfo.testId}:${testInfo.retry}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const address = `10.${(hash >>> 16) & 255}.${(hash >>> 8) & 255}.${hash & 255}`;
    await context.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
}

/**
 * On a phone, opens the header menu (user menu, bell, language) and waits until it is open, as
 * a person would before reaching for a link in it; on a desktop the tools are always shown.
 * A tap that lands while the page is still settling (hydration, a navigation closing the menu)
 * is tried again rather than assumed to have worked.
 */
export async function openHeaderMenu(page: Page): Promise<void> {
    if (!isPhone()) return;
    const menu = page.locator('#header-menu');
    await expect(async () => {
        if (!(await menu.evaluate((el) => el.classList.contains('fr-modal--opened')))) {
            await page.getByRole('button', { name: 'Menu', exact: true }).click();
        }
        await expect(menu).toHaveClass(/fr-modal--opened/, { timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
}

/**
 * POSTs `body` to `path` with `Expect: 100-continue` and returns the HTTP status. A server that
 * refuses the request from its headers (e.g. 413 for a Content-Length over the limit) answers
 * before the body is sent, so the refusal is read rather than lost to a connection reset
 * (`write EPIPE`) while the client is still sending.
 */
export async function postExpectingContinue(page: Page, path: string, body: Buffer, headers: Record<string, string> = {}): Promise<number> {
    const url = new URL(path, page.url());
    const cookies = (await page.context().cookies(url.origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    const http = await import('node:http');
    return new Promise((resolve, reject) => {
        const request = http.request(
            url,
            {
                method: 'POST',
                headers: { ...headers, cookie: cookies, expect: '100-continue', 'content-length': String(body.length) },
            },
            (response) => {
                response.resume();
                resolve(response.statusCode ?? 0);
                request.destroy();
            },
        );
        request.on('continue', () => request.end(body));
        request.on('error', reject);
    });
}
