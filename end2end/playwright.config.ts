// End-to-end suite configuration. Run from end2end/: `npm test` (or `npx playwright test`).
//
// The browser is the system Chromium (CHROMIUM_PATH, default /usr/bin/chromium): Playwright never
// downloads one (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1, set by the npm scripts and the setup script).
// support/global-setup.ts starts the SMTP sink and the server binary on free ports of 127.0.0.1
// and exports BASE_URL, E2E_MAIL_DIR and E2E_TMP to the test workers; the workers load this file
// again after that, which is how `use.baseURL` gets its value.
//
// Environment: BASE_URL (set by the global setup), E2E_WORKERS (default 2), CHROMIUM_PATH,
// ANEF_SERVER_BIN, ANEF_E2E_PYTHON, ANEF_DATABASE_URL (passed to the server), E2E_KEEP=1 (keep
// the temporary folder with the server log, the database and the mails).
import { defineConfig } from '@playwright/test';

const workers = Number.parseInt(process.env.E2E_WORKERS ?? '', 10);

export default defineConfig({
    testDir: 'tests',
    outputDir: 'test-results/artifacts',
    fullyParallel: false,
    workers: Number.isFinite(workers) && workers > 0 ? workers : 2,
    retries: 0,
    forbidOnly: !!process.env.CI,
    // Budgets, not delays: a test waits for what a person would (a heading, a message, an
    // e-mail) and goes on as soon as it is there. They are wide enough for the longest journeys
    // (two browsers, an agent and an applicant) on a loaded 2-core machine.
    timeout: 180_000,
    expect: { timeout: 20_000 },
    reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
    globalSetup: './support/global-setup.ts',
    globalTeardown: './support/global-teardown.ts',
    use: {
        baseURL: process.env.BASE_URL,
        browserName: 'chromium',
        headless: true,
        // The product's default language is French; the browser asks for it like a French user.
        locale: 'fr-FR',
        timezoneId: 'Europe/Paris',
        trace: 'retain-on-failure',
        screenshot: 'only-on-failure',
        actionTimeout: 15_000,
        navigationTimeout: 30_000,
        launchOptions: {
            executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
            args: [
                '--no-sandbox',
                '--disable-gpu',
                '--disable-background-networking',
                '--disable-quic',
                '--no-first-run',
                '--disable-component-update',
                '--disable-sync',
            ],
        },
    },
    // A test picks a project-specific behaviour with `test.info().project.name` ('desktop' | 'phone').
    projects: [
        {
            name: 'desktop',
            use: { viewport: { width: 1280, height: 800 } },
        },
        {
            name: 'phone',
            use: {
                viewport: { width: 360, height: 740 },
                isMobile: true,
                hasTouch: true,
                deviceScaleFactor: 2,
            },
        },
    ],
});
