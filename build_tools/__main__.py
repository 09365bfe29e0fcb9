"""Command line: ``python -m build_tools <command>``.

corpus        write the document model as JSON
build         generate docs/ and build the site into site/ (atomically)
check         source quality report
i18n-extract  extract UI strings and update the UI catalogs
i18n-update   update the report translation catalogs from the Chinese sources
i18n-status   translation progress per report and language
bench         measure build time, page weight and search speed
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from .diagnostics import InputError

DEFAULT_SOURCE = Path("source_texts")


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.", suffix=".tmp") as handle:
        handle.write(text)
        temp = Path(handle.name)
    temp.chmod(0o644)
    temp.replace(path)


def cmd_corpus(args: argparse.Namespace) -> int:
    from .corpus_json import dumps
    from .pipeline import load_corpus

    text = dumps(load_corpus(args.source))
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        _write_atomically(Path(args.output), text)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .site import build_site

    build_site(args.source, Path(args.site_dir), Path(args.docs_dir), offline=args.offline)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .quality import run_check

    return run_check(args.source, strict=args.strict)


def cmd_i18n_extract(args: argparse.Namespace) -> int:
    from .i18n import update_ui_catalogs

    for path in update_ui_catalogs():
        print(f"wrote {path}")
    return 0


def cmd_i18n_update(args: argparse.Namespace) -> int:
    from .i18n import LANGUAGES, SOURCE_LANGUAGE, update_report_catalog
    from .pipeline import read_corrected

    corpus = read_corrected(args.source)  # translations follow the corrected text
    for report in corpus.reports:
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            path, written = update_report_catalog(report, args.source, lang)
            print(f"{'updated' if written else 'unchanged'} {path}")
    return 0


def cmd_i18n_status(args: argparse.Namespace) -> int:
    from .i18n import LANGUAGES, SOURCE_LANGUAGE, translation_status
    from .pipeline import read_corrected

    corpus = read_corrected(args.source)
    incomplete = False
    print(f"{'report':<12} {'lang':<4} {'units':>5} {'translated':>10} {'fuzzy':>5} {'missing':>7} {'done':>6}")
    for report in corpus.reports:
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            s = translation_status(report, args.source, lang)
            share = 100 * s.translated / s.total if s.total else 100
            print(f"{s.slug:<12} {lang:<4} {s.total:>5} {s.translated:>10} {s.fuzzy:>5} {s.missing:>7} {share:>5.1f}%")
            for problem in s.marker_errors:
                print(f"  {report.slug}/{lang}.po: {problem}")
            incomplete |= bool(s.fuzzy or s.missing or s.marker_errors)
    return 1 if (args.strict and incomplete) else 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench

    return run_bench(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, func, help_: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_)
        sub.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="source folder (default: source_texts)")
        sub.set_defaults(func=func)
        return sub

    sub = command("corpus", cmd_corpus, "write the document model as JSON")
    sub.add_argument("-o", "--output", help="output file (default: standard output)")
    sub = command("build", cmd_build, "generate docs/ and build site/")
    sub.add_argument("--site-dir", default="site")
    sub.add_argument("--docs-dir", default="docs")
    sub.add_argument("--offline", action="store_true", help="build for opening from disk (file://)")
    sub = command("check", cmd_check, "source quality report")
    sub.add_argument("--strict", action="store_true", help="exit non-zero if any finding is open")
    command("i18n-extract", cmd_i18n_extract, "extract UI strings into the catalogs")
    command("i18n-update", cmd_i18n_update, "update report translation catalogs")
    sub = command("i18n-status", cmd_i18n_status, "translation progress")
    sub.add_argument("--strict", action="store_true", help="exit 1 if anything is missing or fuzzy")
    sub = command("bench", cmd_bench, "measure build, size and search speed")
    sub.add_argument("--reports", type=int, default=40, help="largest scaled corpus (reports)")
    sub.add_argument("--runs", type=int, default=3, help="full builds measured (the median is reported)")
    sub.add_argument("--output", default="benchmarks/results.json")

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as error:
        print(f"{error.location}: error: {error.message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
