"""Named, versioned registries of stages.

Built-in stages register exactly like third-party plugins do: with ``@STAGES.register(...)``
in a module listed in ``BUILTIN_MODULES`` or exposed through the ``lagebild.stages`` entry
point group. Nothing is discovered by reflecting over module names.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, is_dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol, TypeVar

from lagebild.errors import RegistryError
from lagebild.model import Document, Provenance

log = logging.getLogger(__name__)

__all__ = ["STAGES", "Registry", "Stage", "StageInfo", "config_hash"]


class Stage(Protocol):
    """A per-document stage: pure given (doc, config), picklable, returns the document."""

    def __call__(self, doc: Document) -> Document: ...


T = TypeVar("T")


def config_hash(obj: object) -> str:
    """Return a short, stable hash of a stage's config (its dataclass fields)."""
    payload: object = asdict(obj) if is_dataclass(obj) and not isinstance(obj, type) else {}
    raw = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


@dataclass(frozen=True)
class StageInfo:
    name: str
    factory: Callable[..., Any]
    requires: frozenset[str]
    produces: frozenset[str]
    doc: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "requires": sorted(self.requires), "produces": sorted(self.produces), "doc": self.doc}


@dataclass
class Registry:
    """A name → factory table with declared inputs and outputs."""

    group: str
    builtin_modules: tuple[str, ...] = ()
    _items: dict[str, StageInfo] = field(default_factory=dict)
    _loaded: bool = False

    def register(
        self, name: str, *, requires: set[str] | frozenset[str] = frozenset(), produces: set[str] | frozenset[str] = frozenset()
    ) -> Callable[[T], T]:
        def deco(factory: T) -> T:
            doc = (getattr(factory, "__doc__", None) or "").strip()
            if name in self._items and self._items[name].factory is not factory:
                raise RegistryError(f"{self.group}: '{name}' is registered twice")
            self._items[name] = StageInfo(name, factory, frozenset(requires), frozenset(produces), doc)  # type: ignore[arg-type]
            return factory

        return deco

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for mod in self.builtin_modules:
            importlib.import_module(mod)
        for ep in entry_points(group=self.group):
            try:
                ep.load()
            except Exception as exc:  # a broken plugin must not break lagebild itself
                log.warning("plugin %s could not be loaded: %s", ep.name, exc)

    def info(self, name: str) -> StageInfo:
        self._load()
        try:
            return self._items[name]
        except KeyError:
            names = sorted(self._items)
            close = difflib.get_close_matches(name, names, n=1)
            hint = f" did you mean '{close[0]}'?" if close else ""
            raise RegistryError(f"no stage '{name}';{hint} Available: {', '.join(names)}") from None

    def build(self, name: str, config: dict[str, Any] | None = None) -> Any:
        """Create a stage from its factory and config, and stamp its provenance on it."""
        info = self.info(name)
        try:
            stage = info.factory(**(config or {}))
        except TypeError as exc:
            raise RegistryError(f"stage '{name}': bad config {config!r}: {exc}") from exc
        try:
            stage.prov = Provenance(name, config_hash(stage))
        except AttributeError:  # functions or slotted classes: wrap-free fallback
            pass
        return stage

    def names(self) -> list[str]:
        self._load()
        return sorted(self._items)

    def infos(self) -> list[StageInfo]:
        self._load()
        return [self._items[n] for n in sorted(self._items)]


STAGES = Registry(
    "lagebild.stages",
    builtin_modules=("lagebild.stages",),
)
