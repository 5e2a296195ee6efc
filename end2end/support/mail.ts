// Reading the mails caught by the SMTP sink (support/smtp_sink.py) in E2E_MAIL_DIR.
//
//   const since = Date.now();
//   await page.getByRole('button', { name: 'Valider' }).click();
//   const mail = await waitForMail({ to: 'usager@example.org', subject: /confirm/i, since });
//   await page.goto(extractLink(mail.text, '/compte/confirmer'));
import fs from 'node:fs';
import path from 'node:path';

import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export type MailAttachment = { filename: string; contentType: string; content: Buffer };

export type Mail = {
    /** Recipients: To and Cc headers, then the SMTP envelope (where Bcc recipients are), lower-cased. */
    to: string[];
    from: string;
    subject: string;
    text: string;
    /** The HTML part, or '' when the mail has none. */
    html: string;
    attachments: MailAttachment[];
    date?: Date;
    messageId?: string;
    /** The .eml file, e.g. for a test's attachments. */
    file: string;
    /** When the sink received it (ms since the epoch). */
    receivedAt: number;
};

export type WaitForMailOptions = {
    /** Recipient address (case-insensitive). */
    to: string;
    subject?: RegExp;
    /** Only mails received at or after this time (ms since the epoch, e.g. a `Date.now()` taken before the action). */
    since?: number;
    /** Default 15 s. */
    timeoutMs?: number;
};

const parsedCache = new Map<string, Mail>();

function mailDir(): string {
    const dir = process.env.E2E_MAIL_DIR;
    if (!dir) throw new Error('E2E_MAIL_DIR is not set: the mails are read from the folder the global setup exports');
    return dir;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
    if (!field) return [];
    const list = Array.isArray(field) ? field : [field];
    const out: string[] = [];
    const walk = (entries: AddressObject['value']) => {
        for (const entry of entries) {
            if (entry.address) out.push(entry.address.toLowerCase());
            if (entry.group) walk(entry.group);
        }
    };
    for (const object of list) walk(object.value);
    return out;
}

/** Parses one .eml file of the sink (with its .json envelope when present). */
export async function readMail(file: string): Promise<Mail> {
    const stat = fs.statSync(file);
    const key = `${file}:${stat.mtimeMs}:${stat.size}`;
    const cached = parsedCache.get(key);
    if (cached) return cached;

    const parsed: ParsedMail = await simpleParser(fs.readFileSync(file));
    let envelope: string[] = [];
    const envelopeFile = file.replace(/\.eml$/, '.json');
    if (fs.existsSync(envelopeFile)) {
        const meta = JSON.parse(fs.readFileSync(envelopeFile, 'utf8')) as { rcpt_tos?: string[] };
        envelope = (meta.rcpt_tos ?? []).map((a) => a.toLowerCase());
    }
    const to = [...new Set([...addresses(parsed.to), ...addresses(parsed.cc), ...envelope])];
    const mail: Mail = {
        to,
        from: addresses(parsed.from)[0] ?? '',
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        attachments: parsed.attachments.map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType,
            content: a.content,
        })),
        date: parsed.date,
        messageId: parsed.messageId,
        file,
        receivedAt: stat.mtimeMs,
    };
    parsedCache.set(key, mail);
    return mail;
}

/** Every mail caught so far, oldest first. */
export async function listMails(): Promise<Mail[]> {
    const dir = mailDir();
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /^\d+\.eml$/.test(n)).sort() : [];
    const mails: Mail[] = [];
    for (const name of names) mails.push(await readMail(path.join(dir, name)));
    return mails;
}

/** The newest mail to `to` (and matching `subject`, received at or after `since`), waiting for it. */
export async function waitForMail(options: WaitForMailOptions): Promise<Mail> {
    const to = options.to.toLowerCase();
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 15_000;
    const deadline = Date.now() + timeoutMs;
    const dir = mailDir();
    for (;;) {
        const names = fs.existsSync(dir)
            ? fs
                  .readdirSync(dir)
                  .filter((n) => /^\d+\.eml$/.test(n))
                  .sort()
                  .reverse() // zero-padded counter: newest first
            : [];
        for (const name of names) {
            const file = path.join(dir, name);
            if (fs.statSync(file).mtimeMs < since) continue;
            const mail = await readMail(file);
            if (!mail.to.includes(to)) continue;
            if (options.subject && !options.subject.test(mail.subject)) continue;
            return mail;
        }
        if (Date.now() >= deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const seen = (await listMails())
        .map((m) => `  ${path.basename(m.file)} ${new Date(m.receivedAt).toISOString()} to ${m.to.join(', ')}: ${JSON.stringify(m.subject)}`)
        .join('\n');
    throw new Error(
        `no mail to ${options.to}` +
            (options.subject ? ` with a subject matching ${options.subject}` : '') +
            (options.since ? ` received since ${new Date(since).toISOString()}` : '') +
            ` within ${timeoutMs / 1000} s. Mails in ${dir}:\n${seen || '  (none)'}`,
    );
}

/** Every http(s) URL of a text, in order, without trailing punctuation. */
export function findUrls(text: string): string[] {
    const found = text.match(/https?:\/\/[^\s<>"'`]+/g) ?? [];
    return found.map((url) => {
        let u = url;
        // Trailing punctuation of the sentence, and a closing bracket with no opening one.
        for (;;) {
            const trimmed = u.replace(/[.,;:!?]+$/, '');
            const unbalanced = /[)\]]$/.test(trimmed) && (trimmed.match(/[([]/g) ?? []).length < (trimmed.match(/[)\]]/g) ?? []).length;
            const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
            if (next === u) return u;
            u = next;
        }
    });
}

/** The first URL of `text` whose path starts with `pathPrefix` (e.g. '/compte/confirmer'). */
export function extractLink(text: string, pathPrefix: string): string {
    const urls = findUrls(text);
    for (const url of urls) {
        try {
            if (new URL(url).pathname.startsWith(pathPrefix)) return url;
        } catch {
            // not a valid URL: skip it
        }
    }
    throw new Error(
        `no link whose path starts with ${JSON.stringify(pathPrefix)} in the text; ` +
            (urls.length ? `URLs found:\n${urls.map((u) => `  ${u}`).join('\n')}` : 'it has no URL at all') +
            `\n--- text ---\n${text.slice(0, 2_000)}`,
    );
}
