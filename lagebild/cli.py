"""The ``lagebild`` command line: a thin shell over the library."""

from __future__ import annotations

import importlib
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

import click

from lagebild.errors import LagebildError

__all__ = ["cli", "main"]

#: the store ``lagebild analyze`` writes with its default ``--out``
DEFAULT_DB = "out/lagebild.db"


def existing_store(db: str) -> str:
    """Return ``db`` if it names a store that exists; never create an empty one by accident."""
    from lagebild.store.base import is_postgres_url, sqlite_path

    if is_postgres_url(db):
        return db
    try:
        path = sqlite_path(db)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    if not Path(path).is_file():
        raise click.ClickException(
            f"no store at {db}: run `lagebild analyze FILES --out {Path(db).parent if Path(db).name == 'lagebild.db' else 'out'}` first, "
            "or name the store with --db")
    return db

#: ``lagebild eval KIND``: kind → module exposing a click command named ``command``.
EVAL_COMMANDS = {
    "extract": "lagebild.evaluation.extract",
    "boilerplate": "lagebild.evaluation.boilerplate",
    "ner": "lagebild.evaluation.ner",
    "time": "lagebild.evaluation.timex",
    "speech": "lagebild.evaluation.speech",
    "claims": "lagebild.evaluation.claims",
    "meta": "lagebild.evaluation.meta",
    "stories": "lagebild.evaluation.stories",
    "picture": "lagebild.evaluation.picture",
    "figures": "lagebild.evaluation.figures",
}


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-vv for debug).")
@click.version_option(package_name="lagebild")
def cli(verbose: int) -> None:
    """lagebild: turn news articles about one story into a source-attributed situation picture.

    \b
    Start with:  lagebild analyze examples/ru-kp-treaty --out out
    It writes out/lagebild.db (the store), out/lagebild.json and out/report.html; then open the
    report, run `lagebild serve` (it serves out/lagebild.db), or `lagebild export --format csv`
    for one CSV table per kind in out/csv/.
    """
    _setup_logging(verbose)


def _progress(total_hint: int | None, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total_hint, unit="doc", file=sys.stderr, disable=None if enabled else True, leave=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=None, help="Store file (SQLite path or postgresql:// URL). Default: DIR/lagebild.db.")
@click.option("--out", "out_dir", default="out", type=click.Path(file_okay=False, path_type=Path), show_default=True,
              help="Folder for lagebild.json and report.html.")
@click.option("-j", "--jobs", default=0, type=click.IntRange(min=0), help="Worker processes (0 = all cores).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="A TOML file overlaying the defaults.")
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE", help="Override one setting, e.g. --set run.jobs=1.")
@click.option("--executor", type=click.Choice(["process", "ray"]), default=None,
              help="Where the per-document stages run: local worker processes (default) or a Ray cluster (needs lagebild[ray]).")
@click.option("--ray-address", default=None, metavar="ADDRESS",
              help="Ray cluster to join (HOST:6379, ray://HOST:10001 or auto); default: start a local one. Implies --executor ray.")
@click.option("--recompute", is_flag=True,
              help="Recompute the cross-source picture from scratch (stories clustered anew), e.g. after changing story settings.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def analyze(paths: tuple[Path, ...], db: str | None, out_dir: Path, jobs: int, config_path: str | None,
            overrides: tuple[str, ...], executor: str | None, ray_address: str | None, recompute: bool, quiet: bool) -> None:
    """Analyse article files or folders (recursively) into the store, then write the export and report.

    Reads .txt, .html, .json, .jsonl and .warc files. Files already in the store are skipped
    (unless lagebild or its settings changed since they were analysed), so adding files to a
    folder and rerunning only processes the new ones.

    Example: lagebild analyze examples/ru-kp-treaty --out out

    On a Ray cluster: lagebild analyze /data/news --executor ray --ray-address auto --db postgresql://…
    """
    from lagebild.analyze import analyze_paths, write_outputs
    from lagebild.config import load_config
    from lagebild.gc_policy import relaxed_gc
    from lagebild.store import open_store

    db_url = db or str(out_dir / "lagebild.db")
    started = time.perf_counter()
    try:
        if ray_address:
            executor = executor or "ray"
        extra = ([f"run.executor={executor}"] if executor else []) + ([f"run.ray_address={ray_address}"] if ray_address else [])
        config = load_config(config_path, [*overrides, *extra])
        store = open_store(db_url)
        bar = _progress(None, not quiet)

        def on_error(err: LagebildError) -> None:
            bar.clear()
            click.echo(f"{getattr(err, 'label', 'error')}: {err}", err=True)

        json_path, html_path = out_dir / "lagebild.json", out_dir / "report.html"
        with relaxed_gc():  # the run's long-lived data stays out of the collector's full passes
            try:
                report = analyze_paths(list(paths), store, config=config, jobs=jobs, progress=lambda d: bar.update(1),
                                       on_error=on_error, recompute=recompute)
            finally:
                bar.close()
            # One data flow: the export and the report are written from one pass over the stored
            # documents, a batch at a time; the main process never holds them all.
            write_outputs(store, report.corpus or store.load_corpus(), json_path, html_path, timings=report.phase_wall)
        store.close()
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt:
        click.echo("interrupted: every document saved so far is complete; rerun the same command to finish.", err=True)
        sys.exit(130)
    if not quiet:
        report.seconds = time.perf_counter() - started
        click.echo(report.summary(), err=True)
        for stage, n in sorted(report.stats.failures.items()):
            click.echo(f"  stage {stage}: failed on {n} document(s)", err=True)
        for failure in report.corpus.failures if report.corpus else []:
            click.echo(f"  cross-source stage {failure['stage']} failed: {failure['message']}", err=True)
        click.echo(f"store:  {db_url}\nexport: {json_path}\nreport: {html_path}", err=True)
    sys.exit(report.exit_code)


@cli.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Store to export (what `analyze` wrote).")
@click.option("--out", "out_dir", default="out", type=click.Path(file_okay=False, path_type=Path), show_default=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "html", "all"]), default="all", show_default=True)
def export_cmd(db: str, out_dir: Path, fmt: str) -> None:
    """Write OUT/lagebild.json, OUT/csv/*.csv (one tidy table per kind) and/or OUT/report.html from a store.

    The CSV tables have one value per cell; lists are separate long tables (e.g.
    claim_group_claims.csv, story_members.csv, mentions.csv). See docs/web.md.
    All formats are written from one pass over the stored documents, a batch at a
    time (docs/scale.md).

    Example: lagebild export --out shared/ --format csv
    """
    from lagebild.analyze import write_outputs
    from lagebild.store import open_store

    db = existing_store(db)
    try:
        store = open_store(db)
        corpus = store.load_corpus()
        # JSON, CSV and report from one pass over the stored documents (see ``write_outputs``)
        json_path = out_dir / "lagebild.json" if fmt in ("json", "all") else None
        html_path = out_dir / "report.html" if fmt in ("html", "all") else None
        csv_dir = out_dir / "csv" if fmt in ("csv", "all") else None
        csv_paths = write_outputs(store, corpus, json_path, html_path, csv_dir=csv_dir)
        if json_path:
            click.echo(json_path)
        for path in csv_paths:
            click.echo(path)
        if html_path:
            click.echo(html_path)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command("stages")
@click.option("--json", "as_json", is_flag=True, help="Print the registry as JSON.")
def stages_cmd(as_json: bool) -> None:
    """List the registered per-document and cross-source stages with what they need and produce.

    Example: lagebild stages
    """
    from lagebild.compare import COMPARE
    from lagebild.registry import STAGES

    importlib.import_module("lagebild.compare.builtin")
    listing = {"stages": [i.to_json() for i in STAGES.infos()], "compare": [i.to_json() for i in COMPARE.infos()]}
    if as_json:
        click.echo(json.dumps(listing, indent=1))
        return
    for group, items in listing.items():
        click.echo(f"{group}:")
        for item in items:
            first = item["doc"].splitlines()[0] if item["doc"] else ""
            click.echo(f"  {item['name']:<28} needs {', '.join(item['requires']) or '-'}; makes {', '.join(item['produces']) or '-'}")
            if first:
                click.echo(f"      {first}")


@cli.group("config")
def config_group() -> None:
    """Show the resolved configuration."""


@config_group.command("show")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE")
def config_show(config_path: str | None, overrides: tuple[str, ...]) -> None:
    """Print the configuration after defaults, file and overrides are applied.

    Example: lagebild config show --set run.jobs=1
    """
    from lagebild.config import check_config, load_config

    try:
        config = load_config(config_path, overrides)
        check_config(config)
        click.echo(json.dumps(config.raw, indent=1, ensure_ascii=False))
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


class _LazyEvalGroup(click.Group):
    """Load each ``eval`` sub-command only when it is used (they pull in heavy models)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(EVAL_COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = EVAL_COMMANDS.get(name)
        if module is None:
            return None
        try:
            return importlib.import_module(module).command  # type: ignore[no-any-return]
        except ImportError as exc:
            reason = str(exc)  # ``exc`` is unbound once the except block ends

            @click.command(name, help=f"Not available: {reason}")
            def unavailable() -> None:
                raise click.ClickException(f"eval {name} is not available: {reason}")

            return unavailable


@cli.group("eval", cls=_LazyEvalGroup)
def eval_group() -> None:
    """Measure quality against gold data; each prints a table and can write its predictions.

    Example: lagebild eval ner ../shared/data/germeval2014_ner/NER-de-dev.tsv --pred dev.pred.tsv
    """


@cli.command("report")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Store to report on (what `analyze` wrote).")
@click.option("--story", "stories", multiple=True, metavar="ID", help="Only this story (repeat for several); see --list.")
@click.option("--list", "list_stories", is_flag=True, help="List the stories (id, articles, label), largest first, and exit.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write. Default: out/report.html, or out/report-ID.html for one story.")
@click.option("--title", default="Lagebild", show_default=True)
def report_cmd(db: str, stories: tuple[str, ...], list_stories: bool, output: Path | None, title: str) -> None:
    """Write the one-file HTML report (no scripts, no requests): an index of the stories, then the stories.

    Above 80 articles the report stays small: the largest stories in full, every story in the index.
    With --story it holds the chosen stories in full.

    Example: lagebild report --story story-1eb8598724 -o treaty.html
    """
    from lagebild.report import write_report
    from lagebild.report.html import story_list
    from lagebild.store import open_store

    db = existing_store(db)
    try:
        store = open_store(db)
        try:
            if list_stories:
                for story_id, articles, label in story_list(store):
                    click.echo(f"{story_id}\t{articles}\t{label}")
                return
            target = output or Path(db).parent / (f"report-{stories[0]}.html" if len(stories) == 1 else "report.html")
            click.echo(write_report(store, target, title=title, stories=list(stories) or None))
        finally:
            store.close()
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="Store to serve (what `analyze` wrote; SQLite path or postgresql:// URL).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Bind address; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="LAGEBILD_TOKEN", default=None, help="Access token (required when not bound to loopback).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the web UI and the REST API (API page at /docs, schema at /openapi.json).

    Refuses to start on a store that does not exist (it never creates an empty one).

    Example: lagebild serve --db out/lagebild.db
    """
    db = existing_store(db)
    try:
        from lagebild.web.server import run_server
    except ImportError as exc:
        raise click.ClickException(f"the web UI needs its extra: pip install 'lagebild[web]' ({exc})") from exc
    try:
        run_server(db, host=host, port=port, token=token)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


from lagebild.cli_entities import entities_group  # noqa: E402  (registered last: keeps this module's imports light)

cli.add_command(entities_group)


def main() -> None:
    """Entry point of the ``lagebild`` script."""
    cli(prog_name="lagebild")


if __name__ == "__main__":
    main()
