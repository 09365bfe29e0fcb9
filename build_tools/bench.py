"""``python -m build_tools bench``: build time, scaling, page weight and search speed.

Input: ``source_texts/`` and the repository's ``docs/`` assets; run from the repository
root. Output: a printed report and the same figures as JSON (``benchmarks/results.json``).
Measured in one run:

1. the full two-language build (median of ``--runs``), split into our generator's stages
   (read + transforms, render, write docs/, corpus JSON after MkDocs) and the
   ``mkdocs build`` subprocess of the same Markdown; inside the latter, the time spent in
   our MkDocs hooks (build_tools/site_hooks.py), measured in a separate instrumented run;
2. a scaled corpus: the reports copied under new slugs up to ``--reports`` reports, one
   build per size, to show how the cost grows with the corpus;
3. what a reader downloads for a report page (HTML, CSS, JS, fonts, images; raw and gzip),
   as requested by Chromium while the page loads, and each language's search index;
4. in headless Chromium, time from a query typed to its results on screen, once the
   search index is loaded (and how long loading the index took).

Every build goes to a temporary folder, with its own docs folder (a copy of docs/ without
the generated pages) and its own generated config: the repository's docs/ and
.mkdocs.generated.yml, which other builds may be using, are never written. Targets are
checked and reported here, never in tests (timings depend on the machine and its load).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from .i18n import LANGUAGES
from .site import BASE_CONFIG, BuildTimes, build_site

TARGETS = {
    "generator_share": 0.10,  # our generator's stages under 10 % of the whole build
    "page_gzip_bytes": 300_000,  # a report page with its assets, before the search index
    "index_gzip_bytes": 400_000,  # each language's search index
    "search_ms": 200,  # results on screen after the index is loaded
    "scale_ratio": 20.0,  # 40 reports build in under 20x the time of 2
}
TARGET_TEXT = {
    "generator_share": "our generator's stages / whole build",
    "page_gzip_bytes": "report page + assets, gzip bytes (largest language)",
    "index_gzip_bytes": "search index, gzip bytes (largest language)",
    "search_ms": "query typed -> results shown, ms (slowest median)",
    "scale_ratio": "build time of the largest corpus / build time of 2 reports",
}
#: Queries timed in the browser, per language (words and terms of the reports).
QUERIES = {
    "zh": ["普遍定期审议", "暴行罪", "抑制手段", "定期审议", "预防"],
    "en": ["atrocity crimes", "universal periodic review", "prevention", "responsibility to protect"],
}
#: Folders of docs/ written by the generator (not copied into a benchmark docs folder).
GENERATED_DOCS = {*LANGUAGES, ".generated", "data"}
HOOKS_NAME = "site_hooks.py"
CHROMIUM = os.environ.get("R2P_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
GZIP_LEVEL = 6  # what web servers commonly use


# --------------------------------------------------------------------------- workspace


@dataclass(frozen=True)
class Workspace:
    """Where one benchmark run builds: a temporary folder with its own docs folder, and a
    generated config of its own (beside mkdocs.yml, which MkDocs needs, see site.write_config)."""

    root: Path
    docs: Path
    config: Path


@contextlib.contextmanager
def workspace(docs_source: Path = Path("docs")) -> Iterator[Workspace]:
    root = Path(tempfile.mkdtemp(prefix="r2p-bench-"))
    config = BASE_CONFIG.parent / f".mkdocs.generated-bench-{os.getpid()}.yml"
    try:
        docs = root / "docs"
        copy_assets(docs_source, docs)
        yield Workspace(root, docs, config)
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)


def copy_assets(docs_source: Path, into: Path) -> None:
    """docs/ without what the generator writes (pages per language, data, .generated)."""
    source = docs_source.resolve()

    def generated(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if Path(folder).resolve() == source and n in GENERATED_DOCS]

    shutil.copytree(source, into, ignore=generated)


def scaled_source(base: Path, count: int, into: Path) -> Path:
    """A source folder with ``count`` reports: the real ones, then copies of them under new
    slugs (``<slug>-copy<n>``, same text and translation), plus the shared files."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    reports = sorted(p for p in base.iterdir() if p.is_dir() and (p / "meta.yaml").is_file())
    if not reports:
        raise ValueError(f"no reports in {base}")
    for index in range(count):
        original = reports[index % len(reports)]
        slug = original.name if index < len(reports) else f"{original.name}-copy{index}"
        shutil.copytree(original, into / slug)
        meta_path = into / slug / "meta.yaml"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        meta["slug"] = slug
        meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for extra in base.iterdir():
        if extra.is_file():
            shutil.copy(extra, into / extra.name)
    return into


# --------------------------------------------------------------------------- builds


def timed_build(source: Path, ws: Workspace, site: Path) -> dict[str, float]:
    """One full build (both languages) into ``site``; seconds per stage."""
    times = BuildTimes()
    start = time.perf_counter()
    build_site(source, site, ws.docs, times=times, config_path=ws.config)
    total = time.perf_counter() - start
    generator = times.generate + times.stages.get("data", 0.0)
    return {"total_s": total, "generator_s": generator, "mkdocs_s": times.mkdocs,
            "model_s": times.stages.get("model", 0.0), "render_s": times.stages.get("render", 0.0),
            "write_s": times.stages.get("write", 0.0), "data_s": times.stages.get("data", 0.0)}


def median_build(source: Path, ws: Workspace, runs: int) -> dict[str, float]:
    rows = [timed_build(source, ws, ws.root / "site") for _ in range(runs)]
    return {key: round(statistics.median(r[key] for r in rows), 3) for key in rows[0]}


def hook_times(ws: Workspace) -> dict[str, float]:
    """Seconds spent in our MkDocs hooks during one ``mkdocs build`` of the workspace's
    generated config, per hook, measured in a child process (see ``_hook_times_main``)."""
    result = subprocess.run(
        [sys.executable, "-c", "import sys; from build_tools.bench import _hook_times_main; _hook_times_main()",
         str(ws.config), str(ws.root / "hooks-site")],
        capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        raise RuntimeError("instrumented mkdocs build failed:\n" + result.stderr[-2000:])
    return json.loads(result.stdout.strip().splitlines()[-1])


def _hook_times_main() -> None:
    """Child process: build with MkDocs in-process, our hooks wrapped in timers.

    MkDocs registers each hook function of build_tools/site_hooks.py as an event handler;
    they are replaced, in place (same order and priority), by timed wrappers. Prints JSON:
    seconds per hook, ``hooks_s`` (their sum), ``mkdocs_s`` (the in-process build, from
    loading the config on) and ``jieba_init_s`` (loading jieba's dictionary, before)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file, site_dir = sys.argv[1], sys.argv[2]
    # jieba loads its dictionary on first use (~0.5 s): Material's search plugin needs it for
    # Chinese whoever calls it first, so it is timed apart instead of charged to our on_config.
    import jieba

    start = time.perf_counter()
    jieba.initialize()
    jieba_s = time.perf_counter() - start
    config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
    spent: dict[str, float] = {}

    def timed(fn):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[fn.__name__] = spent.get(fn.__name__, 0.0) + time.perf_counter() - start
        return wrapper

    for handlers in config.plugins.events.values():
        for i, fn in enumerate(handlers):
            if str(getattr(fn, "__module__", "")).endswith(HOOKS_NAME):
                handlers[i] = timed(fn)
    start = time.perf_counter()
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    total = time.perf_counter() - start
    out = {name: round(s, 3) for name, s in spent.items()}
    out.update(hooks_s=round(sum(spent.values()), 3), mkdocs_s=round(total, 3), jieba_init_s=round(jieba_s, 3))
    print(json.dumps(out))


# --------------------------------------------------------------------------- page weight


KINDS = {".html": "html", ".css": "css", ".js": "js", ".mjs": "js", ".woff2": "fonts", ".woff": "fonts",
         ".ttf": "fonts", ".otf": "fonts", ".png": "images", ".svg": "images", ".ico": "images",
         ".jpg": "images", ".webp": "images"}


def kind_of(path: Path) -> str:
    if path.name.startswith("search_index."):
        return "search_index"
    return KINDS.get(path.suffix.lower(), "other")


def page_weight(files: list[Path]) -> dict[str, dict[str, int]]:
    """Bytes of the given files, raw and gzip, per kind and in total; the search index is
    counted apart (``total`` leaves it out: the target is for the page before its index)."""
    out: dict[str, dict[str, int]] = {}
    for path in dict.fromkeys(p.resolve() for p in files):
        data = path.read_bytes()
        row = out.setdefault(kind_of(path), {"files": 0, "raw_bytes": 0, "gzip_bytes": 0})
        row["files"] += 1
        row["raw_bytes"] += len(data)
        row["gzip_bytes"] += len(gzip.compress(data, GZIP_LEVEL, mtime=0))
    total = {"files": 0, "raw_bytes": 0, "gzip_bytes": 0}
    for kind, row in out.items():
        if kind != "search_index":
            for key in total:
                total[key] += row[key]
    out["total"] = total
    return out


_ASSET = re.compile(r"""<(?:link\b[^>]*?\bhref|script\b[^>]*?\bsrc|img\b[^>]*?\bsrc)=["']([^"'#?]+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')?#]+)""")


def static_assets(site: Path, page: Path) -> list[Path]:
    """The page and the site files its HTML refers to as stylesheets, scripts, icons or
    images, plus the fonts and images those stylesheets load. (Without a browser: files a
    script loads by itself, such as Material's search worker, are not seen.)"""
    site = site.resolve()
    html = page.read_text(encoding="utf-8")
    files = [page.resolve()]
    for ref in _ASSET.findall(html):
        if re.match(r"^[a-z]+:", ref) or ref.startswith("//"):
            continue
        path = (page.parent / unquote(ref)).resolve()
        if path.is_file() and path.is_relative_to(site) and kind_of(path) in ("css", "js", "fonts", "images"):
            files.append(path)
    for css in [f for f in files if f.suffix == ".css"]:
        for ref in _CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace")):
            if re.match(r"^[a-z]+:", ref):
                continue
            path = (css.parent / unquote(ref)).resolve()
            if path.is_file() and path.is_relative_to(site):
                files.append(path)
    return list(dict.fromkeys(files))


def search_indexes(site: Path) -> dict[str, dict[str, int]]:
    """Each language's search index (``search/search_index.json`` under the language root)."""
    out = {}
    for index in sorted(site.rglob("search_index.json")):
        data = index.read_bytes()
        out[index.relative_to(site).as_posix()] = {
            "entries": len(json.loads(data)["docs"]),
            "raw_bytes": len(data), "gzip_bytes": len(gzip.compress(data, GZIP_LEVEL, mtime=0))}
    return out


# --------------------------------------------------------------------------- browser


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site over HTTP on 127.0.0.1 (a child process), as its base URL."""
    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                               "--directory", str(site)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        port = re.search(r"port (\d+)", line)
        if not port:
            raise RuntimeError(f"http.server did not start: {line!r}")
        yield f"http://127.0.0.1:{port.group(1)}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


_TIME_QUERY = """(query) => new Promise((resolve) => {
    const input = document.querySelector('.md-search__input');
    const list = document.querySelector('.md-search-result__list');
    input.value = '';
    input.dispatchEvent(new KeyboardEvent('keyup', {key: 'Backspace', bubbles: true}));
    setTimeout(() => {
      let start = 0;
      const timeout = setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
      // results are on screen once the list has children and the next frame is painted
      const observer = new MutationObserver(() => {
        if (!list.children.length) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => {
          clearTimeout(timeout); resolve(performance.now() - start); }));
      });
      observer.observe(list, {childList: true});
      start = performance.now();
      input.value = query;
      input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
    }, 300);
})"""


def browser_measurements(site: Path, slug: str, repeats: int = 5) -> dict:
    """Per language: the files Chromium requests while a report page loads (weighed), the
    time until Material's search is ready, and the median time per query."""
    from playwright.sync_api import sync_playwright

    out: dict = {"page_weight": {}, "search": {}}
    with serve(site) as base, sync_playwright() as manager:
        browser = manager.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for lang in LANGUAGES:
                prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                requested: list[str] = []
                page.on("requestfinished", lambda r, requested=requested: requested.append(r.url))
                page_path = site / prefix / slug / "index.html"
                initializer = _search_initializer(page_path)
                page.goto(f"{base}{prefix}{slug}/", wait_until="load")
                page.wait_for_function("(text) => { const m = document.querySelector('.md-search-result__meta');"
                                       " return m && m.textContent.trim() !== text; }", arg=initializer, timeout=30_000)
                ready_ms = page.evaluate("performance.now()")
                page.wait_for_load_state("networkidle")
                files = _local_files(site, base, requested)
                out["page_weight"][lang] = page_weight(files)
                out["page_weight"][lang]["requested"] = sorted(f.relative_to(site).as_posix() for f in files)
                page.focus(".md-search__input")
                times: dict[str, float] = {}
                shown: dict[str, int] = {}
                for query in QUERIES.get(lang, []):
                    samples = [page.evaluate(_TIME_QUERY, query) for _ in range(repeats)]
                    times[query] = -1.0 if any(s < 0 for s in samples) else round(statistics.median(samples), 1)
                    # what was timed really is the answer: result links on screen for this query
                    shown[query] = page.locator(".md-search-result__item a.md-search-result__link").count()
                out["search"][lang] = {"index_ready_ms": round(ready_ms, 1), "query_ms": times,
                                       "result_links": shown}
                page.close()
        finally:
            browser.close()
    return out


def _search_initializer(page: Path) -> str:
    """The text Material shows in the search results until its worker is ready."""
    m = re.search(r'<div class="md-search-result__meta">\s*(.*?)\s*</div>', page.read_text(encoding="utf-8"), re.S)
    return m.group(1).strip() if m else ""


def _local_files(site: Path, base: str, urls: list[str]) -> list[Path]:
    files = []
    for url in urls:
        if not url.startswith(base):
            continue
        rel = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
        path = site / rel
        if path.is_dir():
            path = path / "index.html"
        if path.is_file():
            files.append(path)
    return files


# --------------------------------------------------------------------------- report


def machine() -> dict[str, str | int]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        total_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                        if line.startswith("MemTotal:"))
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    return {"cpus": os.cpu_count() or 0, "cpu": cpu, "memory": memory, "python": platform.python_version(),
            "platform": platform.platform()}


def check_targets(report: dict) -> dict[str, dict]:
    build = report["build"]
    weights = [w["total"]["gzip_bytes"] for w in report["page_weight"].values()]
    indexes = [i["gzip_bytes"] for i in report["search_index"].values()]
    medians = [v for lang in report.get("search", {}).values() for v in lang.get("query_ms", {}).values()]
    values = {
        "generator_share": build["generator_share"],
        "page_gzip_bytes": max(weights) if weights else None,
        "index_gzip_bytes": max(indexes) if indexes else None,
        "search_ms": None if not medians or min(medians) < 0 else max(medians),
        "scale_ratio": report["scale"]["ratio"],
    }
    return {name: {"value": value, "target": TARGETS[name], "what": TARGET_TEXT[name],
                   "met": value is not None and value < TARGETS[name]} for name, value in values.items()}


def run_bench(args) -> int:
    source = Path(args.source)
    if not BASE_CONFIG.is_file():
        print(f"error: run from the repository root ({BASE_CONFIG} not found)", file=sys.stderr)
        return 1
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "machine": machine()}
    with workspace() as ws:
        print(f"full build x{args.runs} …", flush=True)
        build = median_build(source, ws, args.runs)
        build["generator_share"] = round(build["generator_s"] / build["total_s"], 3)
        hooks = hook_times(ws)
        build["hooks"] = hooks
        # The same share counting our hooks as ours too (in-process MkDocs run, jieba's
        # dictionary loading left out of both sides: Material's search needs it anyway).
        build["ours_with_hooks_share"] = round(
            (build["generator_s"] + hooks["hooks_s"]) / (build["generator_s"] + hooks["mkdocs_s"]), 3)
        report["build"] = build

        site = ws.root / "site"
        build_site(source, site, ws.docs, config_path=ws.config)  # the 2-report site, measured below
        slug = json.loads((site / "data" / "build.json").read_text(encoding="utf-8"))["reports"][0]
        report["search_index"] = search_indexes(site)
        try:
            measured = browser_measurements(site, slug)
            report["page_weight"] = measured["page_weight"]
            report["search"] = measured["search"]
            report["page_weight_method"] = "files requested by Chromium while the page loads"
        except Exception as exc:  # no browser here: weigh the files the HTML names, say so
            report["page_weight"] = {}
            for lang in LANGUAGES:
                prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
                page = site / prefix / slug / "index.html"
                report["page_weight"][lang] = page_weight(static_assets(site, page))
            report["page_weight_method"] = f"files named in the HTML (no browser: {str(exc).splitlines()[0]})"
            report["search"] = {}
        report["page"] = f"{slug}/"

        sizes = sorted({2, *[n for n in (5, 10, 20) if n < args.reports], args.reports})
        scale: dict = {"sizes": {}}
        for count in sizes:
            print(f"build of {count} reports …", flush=True)
            scaled = scaled_source(source, count, ws.root / f"src-{count}")
            scaled_site = ws.root / f"site-{count}"
            row = timed_build(scaled, ws, scaled_site)
            pages = sum(1 for _ in scaled_site.rglob("index.html"))
            indexes = search_indexes(scaled_site)
            scale["sizes"][str(count)] = {"total_s": round(row["total_s"], 3),
                                          "per_report_s": round(row["total_s"] / count, 3),
                                          "generator_s": round(row["generator_s"], 3),
                                          "mkdocs_s": round(row["mkdocs_s"], 3), "pages": pages,
                                          "index_gzip_bytes": max(i["gzip_bytes"] for i in indexes.values())}
            if count == sizes[-1] and report["search"]:
                # how search keeps up with an index this size (the same queries)
                with contextlib.suppress(Exception):
                    scale["largest_search"] = browser_measurements(scaled_site, slug)["search"]
            shutil.rmtree(scaled_site, ignore_errors=True)
        first, last = scale["sizes"][str(sizes[0])], scale["sizes"][str(sizes[-1])]
        scale["ratio"] = round(last["total_s"] / first["total_s"], 2)
        scale["reports_ratio"] = sizes[-1] / sizes[0]
        report["scale"] = scale
    report["targets"] = check_targets(report)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print_report(report)
    print(f"wrote {output}")
    return 0


def print_report(report: dict) -> None:
    m = report["machine"]
    print(f"\n{report['date']} · {m['cpus']} CPU ({m['cpu']}) · {m['memory']} · Python {m['python']}")
    b = report["build"]
    print(f"full build (both languages, median): {b['total_s']} s = our generator {b['generator_s']} s "
          f"(read+transforms {b['model_s']}, render {b['render_s']}, write {b['write_s']}, corpus JSON "
          f"{b['data_s']}) + mkdocs build {b['mkdocs_s']} s → generator share {b['generator_share']:.1%}")
    h = b["hooks"]
    print(f"  inside mkdocs (in-process run {h['mkdocs_s']} s after jieba's dictionary, {h['jieba_init_s']} s): "
          f"our hooks {h['hooks_s']} s "
          f"({', '.join(f'{k} {v}' for k, v in h.items() if k.startswith('on_'))}); "
          f"generator + hooks share {b['ours_with_hooks_share']:.1%}")
    for count, row in report["scale"]["sizes"].items():
        print(f"  {count:>3} reports: {row['total_s']:>7} s total, {row['per_report_s']} s per report "
              f"(generator {row['generator_s']} s, mkdocs {row['mkdocs_s']} s, {row['pages']} pages, "
              f"search index {row['index_gzip_bytes']:,} B gzip)")
    for lang, s in report["scale"].get("largest_search", {}).items():
        print(f"  search {lang} with the largest corpus: index ready after {s['index_ready_ms']} ms; "
              "query → results (ms): " + ", ".join(f"{q} {v}" for q, v in s["query_ms"].items()))
    for lang, weight in report["page_weight"].items():
        parts = ", ".join(f"{k} {v['gzip_bytes']:,}" for k, v in weight.items() if isinstance(v, dict) and k != "total")
        print(f"report page {lang}: {weight['total']['files']} files, {weight['total']['raw_bytes']:,} B raw, "
              f"{weight['total']['gzip_bytes']:,} B gzip ({parts})")
    for where, size in report["search_index"].items():
        print(f"search index {where}: {size['entries']} entries, {size['raw_bytes']:,} B raw, "
              f"{size['gzip_bytes']:,} B gzip")
    for lang, s in report.get("search", {}).items():
        print(f"search {lang}: index ready after {s['index_ready_ms']} ms; query → results (ms, median; result links): "
              + ", ".join(f"{q} {v} ({s['result_links'][q]})" for q, v in s["query_ms"].items()))
    for name, check in report["targets"].items():
        print(f"  {'met ' if check['met'] else 'MISS'} {name}: {check['value']} (target < {check['target']}: "
              f"{check['what']})")
