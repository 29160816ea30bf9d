"""What a pattern found in one paragraph, as character spans, before coreference and ids."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class Found:
    sentence: Span  # offsets of the sentence in the paragraph
    sentence_index: int  # index of the sentence in the paragraph
    content: Span
    cue: Span | None
    speaker: Span | None  # None: implicit (pro-drop, participle continuation)
    cue_class: str | None
    rule: str
    confidence: float
    via: list[Span] = field(default_factory=list)
    continuation: Span | None = None
    direct: bool = False
    coreferent: bool = False  # "المصدر", "the official", "He", pro-drop: take the antecedent's actor
    implicit: bool = False
    continues: bool = False  # a continuation cue (أضاف, added): inherits the previous channel
    media: bool = False  # unnamed media report it ("reportedly", "it was reported"): speaker kind media
    apposition: Span | None = None  # "X، المتحدث باسم الحركة، قال": the title after the name tells X's side
    relayed: bool = False  # a relay verb with its medium dropped (ونقلت عن مصدر ...): the last medium is the channel
    note: list[str] = field(default_factory=list)
