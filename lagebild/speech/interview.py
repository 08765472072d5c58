"""Interviews printed as labelled turns: "STANDARD: Warum …? Keller: Weil …".

Question-and-answer interviews name the speaker of each turn by a label and a colon at the start
of a line or sentence, with no verb of saying. The interviewer's label opens turns that ask
(they hold a question mark, and at least two end with one: the answer follows under another label); each other label that answers
such a turn names a respondent, whose answer runs to the next label, and who asks in fewer than half of
its turns (a topic-headed explainer, "Bahn: Was sagt die Bahn dazu? Sie hält …", asks and answers under
one label). A label that alternates with no asking turn ("Foto: …",
"Wien: …") makes no interview.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.speech.lexicon import WORDS

__all__ = ["Turn", "interview_turns"]

#: a label: one to three capitalised words and a colon, at a line start or after a sentence end
_LABEL = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?…“”\"»«)] ))[ \t]*"
    r"(?P<label>[A-ZÄÖÜ][\w'’.-]*(?:[ \t]+[A-ZÄÖÜ][\w'’.-]*){0,2}):[ \t]+(?=[„\"»«(]?[A-ZÄÖÜ0-9])",
    re.MULTILINE,
)
_MIN_QUESTIONS = 2  # asking turns needed before the labels are read as an interview
_GENERIC = frozenset(WORDS["interview_generic_labels"])
_QUESTION_LABELS = frozenset(WORDS["interview_question_labels"])
#: what may close a question after its mark: quotation marks, brackets, space
_CLOSERS = "“”\"»«‘’)] \t\n"


@dataclass(frozen=True, slots=True)
class Turn:
    """One turn: the label's span and text, the turn's words (after the colon) and whether it is an answer."""

    label: str
    label_span: tuple[int, int]
    colon: int
    content: tuple[int, int]
    answer: bool


def interview_turns(text: str, paragraphs: list[tuple[int, int]], places: Sequence[tuple[int, int]] = ()) -> list[Turn]:
    """Return the turns of the interview in ``text``, or [] when it holds none.

    ``places`` are spans of place names: a place before a colon is a dateline, not a speaker.

    The interviewer is the label whose turns ask most often (a question mark in at least half of its
    turns, and at least two turns that end with one); a respondent is any other label that follows one of
    its turns and holds a question in fewer than half of its own. A turn ends at the next label, or at the end of its paragraph when that comes first.
    """
    found = [m for m in _LABEL.finditer(text)
             if not any(s < m.end("label") and m.start("label") < e for s, e in places)]
    if len(found) < 2 * _MIN_QUESTIONS:
        return []
    para_ends = sorted(e for _, e in paragraphs) or [len(text)]
    raw: list[tuple[str, tuple[int, int], int, tuple[int, int]]] = []
    for k, m in enumerate(found):
        start = m.end()
        end = found[k + 1].start("label") if k + 1 < len(found) else len(text)
        end = min(end, next((e for e in para_ends if e > start), len(text)))
        while end > start and text[end - 1].isspace():
            end -= 1
        raw.append((m.group("label"), (m.start("label"), m.end("label")), m.end("label"), (start, end)))
    questions = Counter(lab for lab, _, _, (s, e) in raw if "?" in text[s:e])
    # an interviewer's question closes its turn: the answer follows under another label
    closing = Counter(lab for lab, _, _, (s, e) in raw if text[s:e].rstrip(_CLOSERS).endswith("?"))
    asks = Counter({lab: n for lab, n in questions.items()
                    if closing[lab] >= _MIN_QUESTIONS and (lab.lower() not in _GENERIC or lab.lower() in _QUESTION_LABELS)})
    turns = Counter(lab for lab, *_ in raw)
    if not asks:
        return []
    interviewer, n_asks = asks.most_common(1)[0]
    if n_asks < _MIN_QUESTIONS or 2 * n_asks < turns[interviewer]:
        return []
    respondents = {raw[k + 1][0] for k in range(len(raw) - 1)
                   if raw[k][0] == interviewer and raw[k + 1][0] != interviewer and raw[k + 1][0].lower() not in _GENERIC
                   and 2 * questions[raw[k + 1][0]] < turns[raw[k + 1][0]]}
    if not respondents or sum(turns[r] for r in respondents) < _MIN_QUESTIONS:
        return []
    return [Turn(lab, span, colon, content, lab in respondents) for lab, span, colon, content in raw
            if lab == interviewer or lab in respondents]
