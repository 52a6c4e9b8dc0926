"""The one PLOVER table: event types, their quad classes and cooperation/conflict polarity.

Events (coding), the store (migrations), the web UI and the exports all read these; nothing
else defines them. Source: PLOVER manual v2.0 (2024), "Quad category" of each event type
(sections 3.1-3.16); GDELT's QuadClass numbers for the exports.
"""
from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

PLOVER_QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material conflict"),
}

# GDELT's QuadClass number of each quad class (the GDELT-like TSV export).
QUAD_CLASS = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}

COOPERATION_QUADS = ("verbal cooperation", "material cooperation")
CONFLICT_QUADS = ("verbal conflict", "material conflict")
COOPERATION_TYPES = tuple(t for t in PLOVER_TYPES if PLOVER_QUADS[t] in COOPERATION_QUADS)
CONFLICT_TYPES = tuple(t for t in PLOVER_TYPES if PLOVER_QUADS[t] in CONFLICT_QUADS)


def polarity(quad: str | None, type_: str) -> str:
    """'cooperation' | 'conflict' | 'other': the event's quad class, else its type's."""
    quad = quad or PLOVER_QUADS.get(type_)
    return "cooperation" if quad in COOPERATION_QUADS else "conflict" if quad in CONFLICT_QUADS else "other"


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def polarity_sql(e: str = "e") -> str:
    """`polarity` as an SQL expression over the events table aliased `e`."""
    return (f"CASE WHEN {e}.quad IN {_in(COOPERATION_QUADS)} THEN 'cooperation' "
            f"WHEN {e}.quad IN {_in(CONFLICT_QUADS)} THEN 'conflict' "
            f"WHEN {e}.type IN {_in(COOPERATION_TYPES)} THEN 'cooperation' "
            f"WHEN {e}.type IN {_in(CONFLICT_TYPES)} THEN 'conflict' ELSE 'other' END")
