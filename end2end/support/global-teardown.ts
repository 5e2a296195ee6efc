// Stops the server, the SMTP sink and clamd started by global-setup.ts (SIGTERM, SIGKILL after 10 s)
// and removes the run's temporary folder, unless E2E_KEEP=1.
import fs from 'node:fs';

import type { FullConfig } from '@playwright/test';

import { registeredProcesses, stopPid, stopProcess } from './processes';

export default async function globalTeardown(_config: FullConfig): Promise<void> {
    const { server, smtp, clamd } = registeredProcesses();
    // The server first: it may still be sending a mail to the sink.
    if (server) await stopProcess(server, 'server');
    else await stopPid(Number(process.env.E2E_SERVER_PID), 'server');
    if (smtp) await stopProcess(smtp, 'SMTP sink');
    else await stopPid(Number(process.env.E2E_SMTP_PID), 'SMTP sink');
    if (clamd) await stopProcess(clamd, 'clamd');
    else await stopPid(Number(process.env.E2E_CLAMD_PID), 'clamd');

    const tmp = process.env.E2E_TMP;
    if (!tmp) return;
    if (process.env.E2E_KEEP === '1') {
        console.log(`[e2e] E2E_KEEP=1: kept ${tmp} (server.log, smtp.log, data/, mail/)`);
    } else {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
