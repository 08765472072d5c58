"""The whole exception tree of lagebild.

::

    LagebildError                  root: catch this to catch everything lagebild raises
     ├─ ConfigError                bad config file or override; lists every problem with its path
     ├─ RegistryError              unknown stage name; lists the available names
     ├─ PipelineError              requires/produces mismatch, found before any document runs
     ├─ OffsetError                annotation outside the text, or surface mismatch
     ├─ StoreError                 the store cannot be opened, read or written
     ├─ InputError                 one input file cannot be read (binary, empty, undecodable, too big)
     │   └─ InputNotice            something the user should know about an input that lost nothing
     ├─ MissingExtra               an optional dependency is not installed
     └─ StageError                 one stage failed on one document (carries doc_id and stage)
         ├─ PermanentError         bad input: record, don't retry
         └─ TransientError         resource/timeout: may be retried
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "InputNotice",
    "LagebildError",
    "MissingExtra",
    "OffsetError",
    "PermanentError",
    "PipelineError",
    "RegistryError",
    "StageError",
    "StoreError",
    "TransientError",
]


class LagebildError(Exception):
    """Root of every error lagebild raises on purpose."""


class ConfigError(LagebildError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid configuration:\n  " + "\n  ".join(problems))


class RegistryError(LagebildError):
    pass


class PipelineError(LagebildError):
    pass


class OffsetError(LagebildError):
    pass


class StoreError(LagebildError):
    pass


class InputError(LagebildError):
    """A file that cannot be ingested; ``str()`` is the one line shown to the user."""

    #: how the line is introduced when printed ("error: …")
    label = "error"

    def __init__(self, path: str, reason: str) -> None:
        # A file name that is not UTF-8 arrives with surrogate escapes, which no terminal or
        # log can print: show its odd bytes as \xNN instead.
        path, reason = _printable(path), _printable(reason)
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class InputNotice(InputError):
    """Not an error: an input was read, with something the user should know (exit code stays 0)."""

    label = "note"


def _printable(text: str) -> str:
    """``text`` with surrogates spelled out: an undecodable file-name byte as ``\\xNN``, any other as ``\\uNNNN``."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join(
        (f"\\x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udcff" else f"\\u{ord(ch):04x}") if "\ud800" <= ch <= "\udfff" else ch
        for ch in text
    )


class MissingExtra(LagebildError):
    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs an optional dependency: pip install 'lagebild[{extra}]'")


class StageError(LagebildError):
    def __init__(self, doc_id: str, stage: str, message: str) -> None:
        self.doc_id = doc_id
        self.stage = stage
        super().__init__(f"{doc_id}: stage {stage} failed: {message}")


class PermanentError(StageError):
    pass


class TransientError(StageError):
    pass
