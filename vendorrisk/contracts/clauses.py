"""The consignment contract / NDA clause checklist (docs/rules.md) and its coverage.

Pure: no Flask, no database. JIS Q 15001 items a–h are mandatory for approval; the rest
are recommended.
"""

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Clause:
    key: str
    text: str
    mandatory: bool


MANDATORY = (
    Clause("a", "responsibilities of both parties", True),
    Clause("b", "safety management (leak/theft prevention, no use or copying beyond scope, "
                "contract period, return/erasure at end)", True),
    Clause("c", "re-consignment conditions", True),
    Clause("d", "content and frequency of handling-status reports", True),
    Clause("e", "right to confirm compliance", True),
    Clause("f", "measures on non-compliance", True),
    Clause("g", "incident reporting and contact", True),
    Clause("h", "measures after the contract ends", True),
)
RECOMMENDED = (
    Clause("subject", "subject, purpose, duration, data items, categories of individuals",
           False),
    Clause("instructions", "processing only on documented instructions", False),
    Clause("confidentiality", "confidentiality surviving termination, named handlers", False),
    Clause("breach_24h", "breach notice within 24 h with the nine items", False),
    Clause("requests", "help with individuals' requests", False),
    Clause("deletion_certificate", "deletion certificate", False),
    Clause("cross_border", "cross-border approval, country list, Rule 18 cooperation", False),
    Clause("special_care", "special-care / My Number controls", False),
    Clause("off_premises", "no taking data off premises", False),
    Clause("training", "staff training", False),
    Clause("liability", "liability and indemnity", False),
    Clause("continuity", "continuity and backups", False),
    Clause("change_notice", "prior notice of changes (service, location, sub-consignees)",
           False),
    Clause("antisocial", "exclusion of anti-social forces", False),
)
CHECKLIST = MANDATORY + RECOMMENDED
BY_KEY = {clause.key: clause for clause in CHECKLIST}


@dataclass(frozen=True)
class Coverage:
    mandatory_met: tuple[Clause, ...]
    mandatory_missing: tuple[Clause, ...]
    recommended_met: tuple[Clause, ...]
    recommended_missing: tuple[Clause, ...]

    @property
    def complete(self) -> bool:
        """Every mandatory item has its clause: the contract can back an approval."""
        return not self.mandatory_missing

    def summary(self) -> str:
        """"mandatory 7/8: missing (e) right to confirm compliance"."""
        met, total = len(self.mandatory_met), len(MANDATORY)
        if not self.mandatory_missing:
            return f"mandatory {met}/{total}"
        missing = ", ".join(f"({c.key}) {c.text}" for c in self.mandatory_missing)
        return f"mandatory {met}/{total}: missing {missing}"


def coverage(references: Mapping[str, str]) -> Coverage:
    """Which checklist items the contract covers: ``references`` maps an item's key to the
    clause reference in the document ("Art. 7.2"); a blank reference covers nothing."""
    covered = {key for key, reference in references.items()
               if key in BY_KEY and reference and reference.strip()}

    def split(clauses: tuple[Clause, ...]) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
        return (tuple(c for c in clauses if c.key in covered),
                tuple(c for c in clauses if c.key not in covered))

    mandatory_met, mandatory_missing = split(MANDATORY)
    recommended_met, recommended_missing = split(RECOMMENDED)
    return Coverage(mandatory_met, mandatory_missing, recommended_met, recommended_missing)
