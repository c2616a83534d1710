"""The signed snapshot's canonical form and its SHA-256. Pure: no Flask, no database.

The snapshot is plain JSON data; its canonical text (sorted keys, no spaces, UTF-8) is
what is hashed and stored, so anyone can recompute the hash from the stored text with
any JSON library.
"""

import hashlib
import json
from typing import Any

# What may change after sign-off without touching what was signed: a finding's progress
# (the vendor's remediation and the reviewer's acceptance happen after the decision), its
# due date and owner (an extension agreed with the vendor, a new person following it up:
# each change is in the finding's history), and the names kept for reading (a vendor or a
# person may be renamed). The stored text keeps the values as signed.
LIVE_FINDING_FIELDS = ("status_at_signing", "due_on", "owner")
CONTEXT = "context"
# What let the approval through, as it stood on the day of signing: contracts renew, gain
# document versions and are deleted after their keep-until date, exceptions expire. The
# stored text's hash (and the audit log's copy of it) protects this part; rebuilding it
# from today's contracts would only show that time has passed, so it is not compared
# (nor is it missing from records signed before it existed).
AS_SIGNED = ("approval_basis",)


def canonical(data: Any) -> str:
    """The one text form of ``data`` that is hashed."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> str:
    """SHA-256 of the canonical text, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def frozen_part(body: dict[str, Any]) -> dict[str, Any]:
    """``body`` without the fields that legitimately move after sign-off, for comparing a
    stored snapshot with one rebuilt from the database now."""
    findings = [{key: value for key, value in finding.items()
                 if key not in LIVE_FINDING_FIELDS} for finding in body.get("findings", [])]
    return {**{key: value for key, value in body.items()
               if key != CONTEXT and key not in AS_SIGNED},
            "findings": findings}


def differences(stored: dict[str, Any], rebuilt: dict[str, Any]) -> list[str]:
    """The top-level parts (answers, scores, decision...) that differ."""
    keys = sorted(set(stored) | set(rebuilt))
    return [key for key in keys if canonical(stored.get(key)) != canonical(rebuilt.get(key))]
