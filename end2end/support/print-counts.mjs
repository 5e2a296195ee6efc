#!/usr/bin/env node
// Prints the counts of the last run from test-results/results.json (Playwright's json reporter)
// as one line `e2e: N passed, N failed, N skipped` (flaky tests, which passed on a retry, are
// counted as passed and named). Exit code 1 when the file is missing or a test failed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'results.json');
let report;
try {
    report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (err) {
    console.error(`print-counts: cannot read ${file}: ${err.message}`);
    process.exit(1);
}
const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
const failed = [];
const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
            if (t.status === 'unexpected' || t.status === 'flaky') {
                failed.push(`${t.status === 'flaky' ? 'flaky ' : 'FAILED'} [${t.projectName}] ${[...titles, spec.title].join(' › ')}`);
            }
        }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title].filter(Boolean));
};
for (const suite of report.suites ?? []) walk(suite, [suite.title].filter(Boolean));
for (const line of failed) console.log(line);
for (const error of report.errors ?? []) console.log(`ERROR ${String(error.message ?? '').split('\n')[0]}`);
console.log(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
process.exit(unexpected > 0 || (report.errors ?? []).length > 0 ? 1 : 0);
