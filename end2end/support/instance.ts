// A server instance of a test's own, beside the suite's: its own port and data folder, the
// suite's SMTP sink, and optionally a clock moved forward (ANEF_CLOCK_OFFSET_DAYS), which is how
// a test lets 30 days pass. Two instances started one after the other on the same data folder
// are the same service seen at two dates (servers keep no state of their own).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { stopProcess } from './processes';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const HEALTH_TIMEOUT_MS = 60_000;

export type Instance = { baseURL: string; dataDir: string; log: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

/** Starts `server serve` on `dataDir` (created and seeded with the demo data if new). */
export async function startInstance(options: {
    dataDir: string;
    clockOffsetDays?: number;
    label: string;
    /** More settings of the instance (`ANEF_*`), over the suite's. */
    env?: Record<string, string>;
}): Promise<Instance> {
    const tmp = process.env.E2E_TMP;
    const smtpUrl = process.env.E2E_SMTP_URL;
    if (!tmp || !smtpUrl) throw new Error('E2E_TMP and E2E_SMTP_URL are set by the global setup');
    fs.mkdirSync(options.dataDir, { recursive: true });
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const log = path.join(tmp, `server-${options.label}.log`);
    // The server refuses unknown ANEF_* variables: pass none of the caller's.
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (!key.startsWith('ANEF_')) env[key] = value;
    }
    Object.assign(env, {
        ANEF_LISTEN: `127.0.0.1:${port}`,
        ANEF_PUBLIC_URL: baseURL,
        ANEF_DATA_DIR: options.dataDir,
        ANEF_SITE_ROOT: path.join(REPO_DIR, 'target', 'site'),
        ANEF_MAIL_TRANSPORT: 'smtp',
        ANEF_SMTP_URL: smtpUrl,
        ANEF_SEED_DEMO: 'true',
        ANEF_PROXY_HOPS: '1',
        ANEF_CLOCK_OFFSET_DAYS: String(options.clockOffsetDays ?? 0),
        RUST_LOG: 'info',
    });
    // The suite's clamd scans these instances' uploads too.
    if (process.env.E2E_CLAMD) env.ANEF_CLAMD = process.env.E2E_CLAMD;
    Object.assign(env, options.env ?? {});
    const serverBin = process.env.ANEF_SERVER_BIN
        ? path.resolve(process.cwd(), process.env.ANEF_SERVER_BIN)
        : path.join(REPO_DIR, 'target', 'debug', 'server');
    const fd = fs.openSync(log, 'a');
    const child: ChildProcess = spawn(serverBin, ['serve'], { cwd: REPO_DIR, env, stdio: ['ignore', fd, fd] });
    fs.closeSync(fd);
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    for (;;) {
        if (child.exitCode !== null) throw new Error(`instance ${options.label} exited (code ${child.exitCode}); see ${log}`);
        try {
            const response = await fetch(`${baseURL}/health`, { signal: AbortSignal.timeout(2_000) });
            if (response.status === 200) break;
        } catch {
            // not listening yet
        }
        if (Date.now() > deadline) {
            await stopProcess(child, options.label);
            throw new Error(`instance ${options.label} did not answer /health within ${HEALTH_TIMEOUT_MS / 1000} s; see ${log}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return { baseURL, dataDir: options.dataDir, log, stop: () => stopProcess(child, options.label) };
}
