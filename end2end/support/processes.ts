// The processes started by global-setup.ts, stopped by global-teardown.ts. Both run in the
// Playwright runner process: the ChildProcess handles are kept on globalThis, and the PIDs are
// also exported (E2E_SERVER_PID, E2E_SMTP_PID) in case the teardown gets a fresh module.
import type { ChildProcess } from 'node:child_process';

const STOP_GRACE_MS = 10_000;

type Started = { server?: ChildProcess; smtp?: ChildProcess; clamd?: ChildProcess };
const registry = globalThis as typeof globalThis & { __anefE2E?: Started };

export function registerProcesses(started: Started): void {
    registry.__anefE2E = { ...registry.__anefE2E, ...started };
    if (started.server?.pid) process.env.E2E_SERVER_PID = String(started.server.pid);
    if (started.smtp?.pid) process.env.E2E_SMTP_PID = String(started.smtp.pid);
    if (started.clamd?.pid) process.env.E2E_CLAMD_PID = String(started.clamd.pid);
}

export function registeredProcesses(): Started {
    return registry.__anefE2E ?? {};
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** SIGTERM, then SIGKILL if the process is still there after 10 s. */
export async function stopProcess(child: ChildProcess | undefined, label: string): Promise<void> {
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const graceful = await Promise.race([exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!graceful) {
        console.warn(`[e2e] ${label} (pid ${child.pid}) still running ${STOP_GRACE_MS / 1000} s after SIGTERM: SIGKILL`);
        child.kill('SIGKILL');
        await Promise.race([exited, sleep(2_000)]);
    }
}

/** Same, for a process known only by its PID (not a child of this process). */
export async function stopPid(pid: number, label: string): Promise<void> {
    if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (Date.now() < deadline) {
        if (!alive(pid)) return;
        await sleep(100);
    }
    console.warn(`[e2e] ${label} (pid ${pid}) still running ${STOP_GRACE_MS / 1000} s after SIGTERM: SIGKILL`);
    try {
        process.kill(pid, 'SIGKILL');
    } catch {
        // already gone
    }
}
