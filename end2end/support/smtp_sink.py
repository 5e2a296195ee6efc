#!/usr/bin/env python3
"""SMTP sink for the end-to-end suite: a real SMTP server (aiosmtpd) that stores every message.

    python smtp_sink.py --host 127.0.0.1 --port 2525 --dir /tmp/mail

Each message received is written atomically (temporary file, then rename) as
``<dir>/<counter>.eml`` (counter zero-padded to 6 digits, going on from the files already there)
holding the raw RFC 5322 data as received, and, just before it, ``<dir>/<counter>.json`` with the
SMTP envelope (``mail_from``, ``rcpt_tos``, ``received_at``): the envelope is where Bcc recipients
are seen. The .eml file's mtime is the time of reception (sub-millisecond precision), which is
what ``waitForMail({ since })`` compares with ``Date.now()``.

Prints ``ready`` on stdout once it accepts connections, one ``received <file> <rcpts>`` line per
message, and stops cleanly on SIGTERM or SIGINT (exit code 0).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

NAME = re.compile(r"^(\d+)\.eml$")


class SinkHandler:
    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.lock = threading.Lock()
        existing = [int(m.group(1)) for m in map(NAME.match, os.listdir(directory)) if m]
        self.counter = max(existing, default=0)

    async def handle_DATA(self, server: SMTP, session, envelope) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        received_ns = time.time_ns()
        with self.lock:
            self.counter += 1
            stem = f"{self.counter:06d}"
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "received_at": received_ns / 1e9,
        }
        self._write(f"{stem}.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"), received_ns)
        self._write(f"{stem}.eml", raw, received_ns)
        print(f"received {stem}.eml {' '.join(envelope.rcpt_tos)}", flush=True)
        return "250 Message accepted for delivery"

    def _write(self, name: str, data: bytes, mtime_ns: int) -> None:
        tmp = os.path.join(self.directory, f".{name}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.utime(tmp, ns=(mtime_ns, mtime_ns))
        os.replace(tmp, os.path.join(self.directory, name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True, help="folder where the .eml files are written")
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    controller = Controller(
        SinkHandler(args.dir),
        hostname=args.host,
        port=args.port,
        enable_SMTPUTF8=True,
        data_size_limit=64 * 1024 * 1024,
        ready_timeout=10,
    )
    controller.start()
    print("ready", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        controller.stop()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
