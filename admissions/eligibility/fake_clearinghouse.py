"""A local stand-in for a clearinghouse's real-time eligibility endpoint, for development
and tests: ``POST /`` with an X12 270 answers with a 271. Nothing leaves the machine.

How it answers depends on the member id (upper case), so every outcome can be tried:

- ``OON…``: active coverage, out of network;
- ``INACTIVE…``: coverage inactive;
- ``NOTFOUND…``: rejected, subscriber not found (AAA 75);
- empty: rejected, missing member id (AAA 72);
- anything else: active, in network, IOP benefit with a copay and a deductible.

Run it with ``manage.py fake_clearinghouse --port 8990`` and set
``ELIGIBILITY_URL=http://127.0.0.1:8990/``."""

from __future__ import annotations

import threading
from datetime import date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .records import EligibilityError
from .x12 import build_271, parse_270

SENDER = "FAKECLEARING"


def answer(body: str, *, today: date | None = None) -> str:
    inquiry = parse_270(body)
    today = today or date.today()
    member = str(inquiry.get("member_id", "")).upper()
    common = {
        "sender": SENDER,
        "receiver": str(inquiry.get("sender", "")),
        "control": int(inquiry.get("control") or 1),
        "at": datetime.now(),
    }
    year = (date(today.year, 1, 1), date(today.year, 12, 31))
    if not member:
        return build_271(inquiry, benefits=[], reject="72", **common)
    if member.startswith("NOTFOUND"):
        return build_271(inquiry, benefits=[], reject="75", **common)
    if member.startswith("INACTIVE"):
        return build_271(
            inquiry,
            benefits=[("6", "IND", "30")],
            coverage=(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)),
            **common,
        )
    network = "N" if member.startswith("OON") else "Y"
    plan = "SILVER PPO" if network == "N" else "GOLD HMO"
    return build_271(
        inquiry,
        benefits=[
            ("1", "IND", "MH", "HM", plan, "", "", "", "", "", "", network),
            ("B", "IND", "MH", "", "", "27", "40", "", "", "", "", network),
            ("C", "IND", "MH", "", "", "23", "1500", "", "", "", "", network),
            ("A", "IND", "MH", "", "", "", "", "0.2", "", "", "", network),
        ],
        group_number="GRP-7781",
        coverage=year,
        messages=("INTENSIVE OUTPATIENT COVERED WITH PRIOR AUTHORIZATION",),
        **common,
    )


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 100_000)).decode("ascii", "replace")
        try:
            reply, status = answer(body).encode("ascii"), 200
        except EligibilityError:
            reply, status = b"not an X12 270", 400
        self.send_response(status)
        self.send_header("Content-Type", "application/EDI-X12")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, format, *args) -> None:  # the bodies are PHI: log nothing
        return


def serve(host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A running server in a daemon thread (``server.server_address`` has the port);
    stop it with ``server.shutdown()``."""
    server = ThreadingHTTPServer((host, port), _Handler)
    threading.Thread(target=server.serve_forever, name="fake-clearinghouse", daemon=True).start()
    return server
