// Second browsers for the back-office journeys: a page with its own cookies and client address,
// in the viewport of the test's project, and the same logged in as a demo agent.
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';

import { actAsDistinctClient, gotoHydrated, waitForHydration } from './app';

export const AGENT_PASSWORD = 'Agent-2026!';

/** A fresh browser (its own cookies), the same viewport as the project; `name` sets it apart.
 * `baseURL`: another instance than the suite's (a journey's own). */
export async function newBrowserPage(browser: Browser, testInfo: TestInfo, name: string, baseURL?: string): Promise<Page> {
    const use = testInfo.project.use;
    const context = await browser.newContext({
        baseURL: baseURL ?? use.baseURL,
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        viewport: use.viewport,
        isMobile: use.isMobile,
        hasTouch: use.hasTouch,
        deviceScaleFactor: use.deviceScaleFactor,
    });
    await actAsDistinctClient(context, { ...testInfo, testId: `${testInfo.testId}-${name}` } as TestInfo);
    return context.newPage();
}

/** A demo agent's browser, logged in and on the queue. */
export async function agentPage(browser: Browser, testInfo: TestInfo, email: string, baseURL?: string): Promise<Page> {
    const page = await newBrowserPage(browser, testInfo, `agent-${email}`, baseURL);
    await gotoHydrated(page, '/agent/connexion');
    await page.locator('#agent-email').fill(email);
    await page.locator('#agent-password').fill(AGENT_PASSWORD);
    await page.getByRole('button', { name: "S'identifier" }).click();
    await expect(page).toHaveURL(/\/agent$/);
    await waitForHydration(page);
    return page;
}
