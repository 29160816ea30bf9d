"""What changed between two versions of an article, paragraph by paragraph.

difflib aligns the two paragraph lists; inside a replaced block, a new
paragraph that shares most of its words with an old one is "changed" (an
edit), otherwise it is "added" and the old one "removed".
"""

from __future__ import annotations

from difflib import SequenceMatcher

# Share of words two paragraphs must have in common to count as one edited paragraph.
EDIT_SIMILARITY = 0.5


def _word_overlap(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def change_summary(old: list[str], new: list[str], old_headline: str | None = None,
                   new_headline: str | None = None) -> dict:
    """Counts and positions (0-based, in the new version for added/changed, the old for removed)."""
    added: list[int] = []
    removed: list[int] = []
    changed: list[int] = []
    unchanged = 0
    matcher = SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            unchanged += i2 - i1
        elif tag == "delete":
            removed += range(i1, i2)
        elif tag == "insert":
            added += range(j1, j2)
        else:  # replace: pair each new paragraph with its most similar unused old one
            free = list(range(i1, i2))
            for j in range(j1, j2):
                best = max(free, key=lambda i: _word_overlap(old[i], new[j]), default=None)
                if best is not None and _word_overlap(old[best], new[j]) >= EDIT_SIMILARITY:
                    changed.append(j)
                    free.remove(best)
                else:
                    added.append(j)
            removed += free
    summary = {
        "added": len(added),
        "removed": len(removed),
        "changed": len(changed),
        "unchanged": unchanged,
        "headline_changed": bool(old_headline is not None and new_headline is not None
                                 and old_headline != new_headline),
        "added_paragraphs": sorted(added),
        "removed_paragraphs": sorted(removed),
        "changed_paragraphs": sorted(changed),
    }
    summary["text"] = describe(summary)
    return summary


def describe(summary: dict) -> str:
    parts = [f"{summary[k]} paragraph{'s' if summary[k] != 1 else ''} {k}"
             for k in ("added", "removed", "changed") if summary[k]]
    if summary.get("headline_changed"):
        parts.append("headline changed")
    return "; ".join(parts) or "no paragraph changes"
