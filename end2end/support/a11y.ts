// Accessibility check of the current page with axe-core (WCAG 2.0/2.1, levels A and AA: the
// automatable part of the RGAA). Call it explicitly where a page or a state is worth checking:
//   await expectNoA11yViolations(page, 'login page');
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type A11yOptions = {
    /** CSS selectors left out of the analysis (e.g. a third-party widget). Use sparingly. */
    exclude?: string[];
    /** Rule ids not run. Use sparingly, with a comment saying why. */
    disableRules?: string[];
};

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

export function formatViolations(violations: Violation[]): string {
    return violations
        .map((v) => {
            const nodes = v.nodes
                .map((n) => {
                    const html = n.html.replace(/\s+/g, ' ').slice(0, 300);
                    const summary = n.failureSummary ? `\n        ${n.failureSummary.replace(/\s*\n\s*/g, ' / ')}` : '';
                    return `      - ${n.target.map(String).join(' ')}\n        ${html}${summary}`;
                })
                .join('\n');
            return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
        })
        .join('\n');
}

/** Content reflows into the viewport without scrolling sideways (WCAG 1.4.10, checked on the
 * 360 px phone); a wide table scrolls inside its own container, which is allowed. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
    const { width, scrolled, culprit } = await page.evaluate(() => {
        const width = window.innerWidth;
        const wide = Array.from(document.querySelectorAll('body *')).find((el) => el.getBoundingClientRect().right > width + 1);
        return {
            width,
            scrolled: document.documentElement.scrollWidth,
            culprit: wide ? `${wide.tagName.toLowerCase()}.${Array.from(wide.classList).join('.')}#${wide.id}` : '',
        };
    });
    expect(scrolled, `${where} scrolls sideways at ${width} px (widest: ${culprit})`).toBeLessThanOrEqual(width);
}

export async function expectNoA11yViolations(page: Page, label?: string, options: A11yOptions = {}): Promise<void> {
    if ((page.viewportSize()?.width ?? 1024) <= 400) await expectNoSidewaysScroll(page, label ?? page.url());
    let builder = new AxeBuilder({ page }).withTags(A11Y_TAGS);
    for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
    if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
    const results = await builder.analyze();
    const where = label ?? page.url();
    if (results.violations.length > 0) {
        await test.info().attach(`axe-${where.replace(/[^\w.-]+/g, '_')}.json`, {
            body: JSON.stringify(results.violations, null, 2),
            contentType: 'application/json',
        });
    }
    const count = results.violations.reduce((n, v) => n + v.nodes.length, 0);
    expect(
        results.violations.length,
        `${results.violations.length} accessibility rule(s) violated (${count} element(s)) on ${where}:\n` +
            formatViolations(results.violations),
    ).toBe(0);
}
