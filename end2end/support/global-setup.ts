// Starts what the suite runs against, once per `playwright test` run:
//   1. the SMTP sink (support/smtp_sink.py, Python with aiosmtpd) on a free port of 127.0.0.1,
//      and clamd (Debian's clamav-daemon) with the project's EICAR signature on another,
//   2. the server binary (`server serve`) on another free port, with a fresh data folder, the
//      `smtp` mail transport pointed at the sink and the demo data seeded,
// then waits for GET /health and exports to the test workers:
//   BASE_URL      http://127.0.0.1:<port>
//   E2E_MAIL_DIR  folder where the sink writes <counter>.eml (see support/mail.ts)
//   E2E_TMP       the run's temporary folder (server.log, smtp.log, data/, mail/)
//   E2E_SMTP_URL  the sink's address, for server instances started by a test (support/instance.ts)
//   E2E_CLAMD     clamd's address (ANEF_CLAMD), for those instances too
// Binaries: ANEF_SERVER_BIN (default ../target/debug/server) and ANEF_E2E_PYTHON (default
// ../target/venv/bin/python), relative paths being taken from the current folder.
// ANEF_DATABASE_URL, when set, is passed to the server (e.g. to run the suite on PostgreSQL).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import type { FullConfig } from '@playwright/test';

import { registerProcesses, stopProcess } from './processes';

const E2E_DIR = path.resolve(__dirname, '..');
const REPO_DIR = path.resolve(E2E_DIR, '..');
const HEALTH_TIMEOUT_MS = 60_000;
const SMTP_READY_TIMEOUT_MS = 20_000;

/** A path from the environment is relative to the current folder; a default, to end2end/. */
function binary(envName: string, fallback: string): string {
    const fromEnv = process.env[envName];
    return fromEnv ? path.resolve(process.cwd(), fromEnv) : path.resolve(E2E_DIR, fallback);
}

/** Free TCP ports on 127.0.0.1, all distinct (the listeners are open at the same time). */
async function freePorts(count: number): Promise<number[]> {
    const servers: net.Server[] = [];
    try {
        const ports: number[] = [];
        for (let i = 0; i < count; i++) {
            const server = net.createServer();
            servers.push(server);
            await new Promise<void>((resolve, reject) => {
                server.once('error', reject);
                server.listen(0, '127.0.0.1', () => resolve());
            });
            ports.push((server.address() as net.AddressInfo).port);
        }
        return ports;
    } finally {
        await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    }
}

function tail(file: string, lines = 60): string {
    try {
        return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
        return '(no log)';
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function startSmtpSink(python: string, port: number, mailDir: string, logFile: string): Promise<ChildProcess> {
    if (!fs.existsSync(python)) {
        throw new Error(
            `Python for the SMTP sink not found: ${python}\n` +
                `Run scripts/setup.sh --test (it creates target/venv with end2end/requirements.txt) ` +
                `or set ANEF_E2E_PYTHON to a Python that has aiosmtpd.`,
        );
    }
    const log = fs.createWriteStream(logFile, { flags: 'a' });
    const child = spawn(
        python,
        [path.join(__dirname, 'smtp_sink.py'), '--host', '127.0.0.1', '--port', String(port), '--dir', mailDir],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PYTHONUNBUFFERED: '1' } },
    );
    child.stderr!.pipe(log);
    await new Promise<void>((resolve, reject) => {
        let buffer = '';
        const timer = setTimeout(() => {
            child.off('exit', onExit);
            child.kill('SIGKILL');
            reject(new Error(`SMTP sink not ready after ${SMTP_READY_TIMEOUT_MS / 1000} s\n${tail(logFile)}`));
        }, SMTP_READY_TIMEOUT_MS);
        const onData = (chunk: Buffer) => {
            log.write(chunk);
            buffer += chunk.toString('utf8');
            if (buffer.split('\n').some((line) => line.trim() === 'ready')) {
                clearTimeout(timer);
                child.off('exit', onExit);
                resolve();
            }
        };
        const onExit = (code: number | null, signal: string | null) => {
            clearTimeout(timer);
            // Let the piped stderr reach the log before reading it.
            setTimeout(() => {
                reject(new Error(`SMTP sink exited before being ready (code ${code}, signal ${signal})\n${tail(logFile)}`));
            }, 100);
        };
        child.stdout!.on('data', onData);
        child.once('exit', onExit);
        child.once('error', (err) => {
            clearTimeout(timer);
            reject(new Error(`cannot start the SMTP sink with ${python}: ${err.message}`));
        });
    });
    return child;
}

/** clamd on `port` with scripts/clamav/eicar.ndb as its only signatures (none can be downloaded). */
async function startClamd(port: number, tmp: string): Promise<ChildProcess> {
    const database = path.join(tmp, 'clamav');
    fs.mkdirSync(database, { recursive: true });
    fs.copyFileSync(path.join(REPO_DIR, 'scripts', 'clamav', 'eicar.ndb'), path.join(database, 'eicar.ndb'));
    const config = path.join(tmp, 'clamd.conf');
    const logFile = path.join(tmp, 'clamd.log');
    fs.writeFileSync(
        config,
        `DatabaseDirectory ${database}\nTCPSocket ${port}\nTCPAddr 127.0.0.1\nForeground yes\nLogFile ${logFile}\n`,
    );
    const binaryPath = fs.existsSync('/usr/sbin/clamd') ? '/usr/sbin/clamd' : 'clamd';
    const child = spawn(binaryPath, ['-c', config], { stdio: 'ignore' });
    const deadline = Date.now() + SMTP_READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) break;
        const pong = await new Promise<boolean>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => socket.write('zPING\0'));
            socket.once('data', (data) => {
                socket.destroy();
                resolve(data.toString().startsWith('PONG'));
            });
            socket.once('error', () => resolve(false));
        });
        if (pong) return child;
        await sleep(200);
    }
    child.kill('SIGKILL');
    throw new Error(`clamd did not answer on port ${port} (run scripts/setup.sh --test)\n${tail(logFile)}`);
}

async function waitForHealth(baseURL: string, server: ChildProcess, logFile: string): Promise<void> {
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
        if (server.exitCode !== null || server.signalCode !== null) {
            throw new Error(
                `the server exited during start-up (code ${server.exitCode}, signal ${server.signalCode})\n` +
                    `--- last lines of ${logFile} ---\n${tail(logFile)}`,
            );
        }
        try {
            const response = await fetch(`${baseURL}/health`, { signal: AbortSignal.timeout(2_000) });
            if (response.status === 200) return;
            last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
        } catch (err) {
            last = (err as Error).message;
        }
        await sleep(250);
    }
    throw new Error(
        `GET ${baseURL}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})\n` +
            `--- last lines of ${logFile} ---\n${tail(logFile)}`,
    );
}

export default async function globalSetup(_config: FullConfig): Promise<void> {
    const serverBin = binary('ANEF_SERVER_BIN', '../target/debug/server');
    const python = binary('ANEF_E2E_PYTHON', '../target/venv/bin/python');
    if (!fs.existsSync(serverBin)) {
        throw new Error(`server binary not found: ${serverBin} (build it first, or set ANEF_SERVER_BIN)`);
    }

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anef-e2e-'));
    const dataDir = path.join(tmp, 'data');
    const mailDir = path.join(tmp, 'mail');
    fs.mkdirSync(dataDir);
    fs.mkdirSync(mailDir);
    const serverLog = path.join(tmp, 'server.log');
    const smtpLog = path.join(tmp, 'smtp.log');
    const [httpPort, smtpPort, clamdPort] = await freePorts(3);
    const baseURL = `http://127.0.0.1:${httpPort}`;

    process.env.E2E_TMP = tmp;
    process.env.E2E_MAIL_DIR = mailDir;
    // Tests that start a server instance of their own (support/instance.ts) share the sink.
    process.env.E2E_SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    process.env.E2E_CLAMD = `tcp://127.0.0.1:${clamdPort}`;
    process.env.E2E_SERVER_LOG = serverLog;

    // On a failed start Playwright does not run the teardown: clean up here.
    const cleanUp = async (started: { server?: ChildProcess; smtp?: ChildProcess; clamd?: ChildProcess }) => {
        await Promise.all([
            stopProcess(started.server, 'server'),
            stopProcess(started.smtp, 'SMTP sink'),
            stopProcess(started.clamd, 'clamd'),
        ]);
        if (process.env.E2E_KEEP === '1') console.log(`[e2e] E2E_KEEP=1: kept ${tmp}`);
        else fs.rmSync(tmp, { recursive: true, force: true });
    };

    let smtp: ChildProcess;
    try {
        smtp = await startSmtpSink(python, smtpPort, mailDir, smtpLog);
    } catch (err) {
        await cleanUp({});
        throw err;
    }
    let clamd: ChildProcess;
    try {
        clamd = await startClamd(clamdPort, tmp);
    } catch (err) {
        await cleanUp({ smtp });
        throw err;
    }
    registerProcesses({ smtp, clamd });

    // The server refuses unknown ANEF_* variables: pass none of the caller's but ANEF_DATABASE_URL.
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (!key.startsWith('ANEF_')) env[key] = value;
    }
    Object.assign(env, {
        ANEF_LISTEN: `127.0.0.1:${httpPort}`,
        ANEF_PUBLIC_URL: baseURL,
        ANEF_DATA_DIR: dataDir,
        ANEF_SITE_ROOT: path.join(REPO_DIR, 'target', 'site'),
        ANEF_MAIL_TRANSPORT: 'smtp',
        ANEF_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        ANEF_SEED_DEMO: 'true',
        ANEF_CLAMD: process.env.E2E_CLAMD,
        // Tests act as distinct clients through X-Forwarded-For (support/app.ts).
        ANEF_PROXY_HOPS: '1',
        RUST_LOG: 'info',
    });
    if (process.env.ANEF_DATABASE_URL) env.ANEF_DATABASE_URL = process.env.ANEF_DATABASE_URL;

    const logFd = fs.openSync(serverLog, 'a');
    const server = spawn(serverBin, ['serve'], { cwd: REPO_DIR, env, stdio: ['ignore', logFd, logFd] });
    fs.closeSync(logFd);
    server.once('error', (err) => fs.appendFileSync(serverLog, `\n[global-setup] spawn error: ${err.message}\n`));
    registerProcesses({ smtp, clamd, server });

    try {
        await waitForHealth(baseURL, server, serverLog);
    } catch (err) {
        await cleanUp({ server, smtp, clamd });
        throw err;
    }

    process.env.BASE_URL = baseURL;
    console.log(`[e2e] server ${baseURL} (log ${serverLog}), SMTP sink 127.0.0.1:${smtpPort} → ${mailDir}`);
}
