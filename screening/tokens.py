"""Resume-link tokens as stored: only a SHA-256 hash of each, and a bound on what is looked up.
Shared by the service that issues and redeems them and the selector that checks one."""

import hashlib

MAX_TOKEN_LENGTH = 100


def resume_token_hash(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()
