"""``lagebild entities``: list the resolved entities and correct them (merge, split, rename).

Corrections are stored with ``store.add_correction`` and applied by ``entities.resolve.v1`` on every
recomputation, so they survive re-analysis. Entities can be named by id or by name/alias.
"""

from __future__ import annotations

import json
from typing import Any

import click

from lagebild.errors import LagebildError

__all__ = ["entities_group"]

_DB = "out/lagebild.db"  # what ``lagebild analyze`` writes with its default --out
_db_option = click.option("--db", default=_DB, show_default=True, help="Store (SQLite path or postgresql:// URL).")
_config_option = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
                              help="A TOML file overlaying the defaults (for the recomputation).")
_recompute_option = click.option("--no-recompute", is_flag=True, help="Only store the correction; apply it at the next analysis.")


def _store(db: str) -> Any:
    from lagebild.cli import existing_store
    from lagebild.store import open_store

    return open_store(existing_store(db))


def _correct(db: str, correction: dict[str, Any], no_recompute: bool, config_path: str | None) -> None:
    try:
        store = _store(db)
        try:
            row = store.add_correction(correction)
            click.echo(f"correction {row} stored: {json.dumps(correction, ensure_ascii=False)}", err=True)
            if not no_recompute:
                from lagebild.analyze import recompute_corpus
                from lagebild.config import load_config

                result = recompute_corpus(store, load_config(config_path))
                click.echo(f"corpus recomputed: {len(result.entities)} entities "
                           "(run `lagebild export` to refresh the files)", err=True)
        finally:
            store.close()
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group("entities")
def entities_group() -> None:
    """List the entities found across the corpus and correct them."""


@entities_group.command("list")
@_db_option
@click.option("--type", "typ", default=None, help="Only this type (PER, ORG, LOC, MISC).")
@click.option("--limit", default=0, type=click.IntRange(min=0), help="At most this many (0 = all).")
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON.")
def list_cmd(db: str, typ: str | None, limit: int, as_json: bool) -> None:
    """Print id, type, name, number of mentions and aliases of every entity.

    Example: lagebild entities list --db out/lagebild.db --type PER
    """
    try:
        store = _store(db)
        try:
            entities = store.load_corpus().entities
        finally:
            store.close()
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    if typ:
        entities = [e for e in entities if e.get("type") == typ.upper()]
    if limit:
        entities = entities[:limit]
    if as_json:
        click.echo(json.dumps(entities, ensure_ascii=False, indent=2))
        return
    for e in entities:
        aliases = ", ".join(e.get("aliases") or [])
        roles = "; ".join(e.get("roles") or [])
        line = f"{e['id']:<32} {e['type']:<5} {e['name']:<28} {len(e.get('mentions') or []):>4}"
        line += f"  aka {aliases}" if aliases else ""
        line += f"  roles {roles}" if roles else ""
        click.echo(line)


@entities_group.command("merge")
@click.argument("entities", nargs=-1, required=True)
@click.option("--name", default=None, help="Name of the merged entity (default: the first one's).")
@_db_option
@_config_option
@_recompute_option
def merge_cmd(entities: tuple[str, ...], name: str | None, db: str, config_path: str | None, no_recompute: bool) -> None:
    """Merge two or more entities (ids or names) into the first.

    Example: lagebild entities merge per:wladimir-putin "Putin W." --db out/lagebild.db
    """
    if len(entities) < 2:
        raise click.UsageError("merge needs at least two entities")
    corr: dict[str, Any] = {"action": "merge", "entities": list(entities)}
    if name:
        corr["name"] = name
    _correct(db, corr, no_recompute, config_path)


@entities_group.command("split")
@click.argument("entity")
@click.option("--mention", "mentions", multiple=True, required=True, metavar="DOC#ANN",
              help="A mention to move into the new entity (repeatable), as in mention_entity keys.")
@click.option("--name", default=None, help="Name of the new entity.")
@_db_option
@_config_option
@_recompute_option
def split_cmd(entity: str, mentions: tuple[str, ...], name: str | None, db: str, config_path: str | None, no_recompute: bool) -> None:
    """Move some mentions of ENTITY into a new entity.

    Example: lagebild entities split per:kim --mention 004#entity:120-123 --name "Kim Yong Hyun"
    """
    corr: dict[str, Any] = {"action": "split", "entity": entity, "mentions": list(mentions)}
    if name:
        corr["name"] = name
    _correct(db, corr, no_recompute, config_path)


@entities_group.command("rename")
@click.argument("entity")
@click.argument("name")
@click.option("--type", "typ", type=click.Choice(["PER", "ORG", "LOC", "MISC"]), default=None, help="Also change the type.")
@_db_option
@_config_option
@_recompute_option
def rename_cmd(entity: str, name: str, typ: str | None, db: str, config_path: str | None, no_recompute: bool) -> None:
    """Give ENTITY a new canonical name (its id stays, so links keep working).

    Example: lagebild entities rename per:kim-jong-un "Kim Jong-un"
    """
    corr: dict[str, Any] = {"action": "rename", "entity": entity, "name": name}
    if typ:
        corr["type"] = typ
    _correct(db, corr, no_recompute, config_path)


@entities_group.command("corrections")
@_db_option
def corrections_cmd(db: str) -> None:
    """Print the stored entity corrections in the order they are applied."""
    try:
        store = _store(db)
        try:
            rows = [c for c in store.corrections() if c.get("action") in {"merge", "split", "rename"}]
        finally:
            store.close()
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    for c in rows:
        click.echo(json.dumps(c, ensure_ascii=False))
