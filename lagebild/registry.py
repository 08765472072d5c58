"""Named, versioned registries of stages.

Built-in stages register exactly like third-party plugins do: with ``@STAGES.register(...)``
in a module listed in ``BUILTIN_MODULES`` or exposed through the ``lagebild.stages`` entry
point group. Nothing is discovered by reflecting over module names.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import importlib
import inspect
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import MISSING, asdict, dataclass, field, fields, is_dataclass, replace
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
    #: optional inputs: read when an earlier stage produced them (so such a stage must come first)
    uses: frozenset[str] = frozenset()

    def settings(self) -> dict[str, Any]:
        """The settings the factory takes, with their defaults (``...`` when it has none)."""
        factory = self.factory
        if is_dataclass(factory):
            out: dict[str, Any] = {}
            for f in fields(factory):
                if not f.init or f.name in HIDDEN_SETTINGS:
                    continue
                if f.default is not MISSING:
                    out[f.name] = f.default
                elif f.default_factory is not MISSING:
                    out[f.name] = f.default_factory()
                else:
                    out[f.name] = ...
            return out
        try:
            params = inspect.signature(factory).parameters.values()
        except (TypeError, ValueError):
            return {}
        return {
            p.name: (... if p.default is inspect.Parameter.empty else p.default)
            for p in params
            if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in HIDDEN_SETTINGS
        }

    def check_settings(self, settings: Mapping[str, Any], where: str) -> list[str]:
        """Problems with ``settings`` for this stage: unknown keys (with the closest known one)."""
        known = self.settings()
        problems = []
        for key in settings:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), list(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            choices = f" (settings: {', '.join(sorted(known))})" if known else " (it takes no settings)"
            problems.append(f"{where} -> {key}: unknown setting of stage '{self.name}'{hint}{choices}")
        return problems

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "requires": sorted(self.requires),
            "produces": sorted(self.produces),
            "uses": sorted(self.uses),
            "settings": {k: _jsonable(v) for k, v in self.settings().items()},
            "doc": self.doc,
        }


def _jsonable(value: Any) -> Any:
    """A default as JSON shows it: ``None`` for "no default", ``repr`` for anything JSON cannot hold."""
    if value is ...:
        return None
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)
    return value


#: dataclass fields that are not settings (the stamp ``Registry.build`` puts on a stage)
HIDDEN_SETTINGS = frozenset({"prov"})


@dataclass
class Registry:
    """A name → factory table with declared inputs and outputs."""

    group: str
    builtin_modules: tuple[str, ...] = ()
    _items: dict[str, StageInfo] = field(default_factory=dict)
    _loaded: bool = False

    def register(
        self,
        name: str,
        *,
        requires: set[str] | frozenset[str] = frozenset(),
        produces: set[str] | frozenset[str] = frozenset(),
        uses: set[str] | frozenset[str] = frozenset(),
    ) -> Callable[[T], T]:
        def deco(factory: T) -> T:
            doc = (getattr(factory, "__doc__", None) or "").strip()
            if name in self._items and self._items[name].factory is not factory:
                raise RegistryError(f"{self.group}: '{name}' is registered twice")
            info = StageInfo(name, factory, frozenset(requires), frozenset(produces), doc, frozenset(uses))  # type: ignore[arg-type]
            self._items[name] = info
            return factory

        return deco

    def declare_uses(self, name: str, uses: set[str] | frozenset[str]) -> None:
        """Add optional inputs to a registered stage's declaration."""
        info = self._items[name]
        self._items[name] = replace(info, uses=info.uses | frozenset(uses))

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
        with contextlib.suppress(AttributeError):  # functions or slotted classes: wrap-free fallback
            stage.prov = Provenance(name, config_hash(stage))
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
