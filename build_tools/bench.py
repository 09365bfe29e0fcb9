"""``python -m build_tools bench``: build time, scaling, page weight and search speed.

Measures, in one run, and prints a report (also written as JSON):
1. the full two-language build, split into our generator (read, transforms, render,
   write docs/) and ``mkdocs build`` of the same Markdown (median of 3 runs);
2. a scaled corpus: the reports copied under new slugs up to ``--reports`` reports,
   build time per report at several sizes, to show how cost grows;
3. the bytes a reader downloads for a report page (HTML, CSS, JS, fonts; raw and gzip)
   and the size of each language's search index;
4. time from typing a query to results shown, in headless Chromium.
Targets are checked here, never in tests (machines are noisy).
"""

from __future__ import annotations

import gzip
import json
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import yaml

from .site import BuildTimes, build_site

TARGETS = {
    "generator_share": 0.10,  # our stages under 10 % of the whole build
    "page_gzip_bytes": 300_000,  # a report page with assets, before the search index
    "index_gzip_bytes": 400_000,  # each language's search index
    "search_ms": 200,  # results after the index is loaded
    "scale_ratio": 20.0,  # 40 reports build in under 20x the time of 2
}


def _timed_build(source: Path, work: Path) -> BuildTimes:
    times = BuildTimes()
    start = time.perf_counter()
    build_site(source, work / "site", Path("docs"), times=times)
    times.stages["total"] = time.perf_counter() - start
    return times


def _scaled_source(base: Path, count: int, into: Path) -> Path:
    """``count`` reports: the real ones, then copies under new slugs (same text)."""
    if into.exists():
        shutil.rmtree(into)
    into.mkdir(parents=True)
    reports = sorted(p for p in base.iterdir() if p.is_dir())
    for index in range(count):
        original = reports[index % len(reports)]
        slug = original.name if index < len(reports) else f"{original.name}-copy{index}"
        shutil.copytree(original, into / slug)
        meta_path = into / slug / "meta.yaml"
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        meta["slug"] = slug
        meta_path.write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    for extra in base.iterdir():
        if extra.is_file():
            shutil.copy(extra, into / extra.name)
    return into


def _page_weight(site: Path, page: Path) -> dict[str, int]:
    """HTML plus every stylesheet, script and font it loads from the site."""
    html = page.read_text(encoding="utf-8")
    assets = set(re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+)"', html))
    files = [page]
    for ref in assets:
        if ref.startswith(("http:", "https:", "data:")) or not ref.endswith((".css", ".js", ".woff2", ".woff")):
            continue
        path = (page.parent / ref.split("?")[0]).resolve()
        if path.is_file():
            files.append(path)
    for css in [f for f in files if f.suffix == ".css"]:
        for font in re.findall(r"url\(([^)]+\.woff2?)\)", css.read_text(encoding="utf-8")):
            path = (css.parent / font.strip("'\"")).resolve()
            if path.is_file():
                files.append(path)
    raw = sum(f.stat().st_size for f in files)
    zipped = sum(len(gzip.compress(f.read_bytes(), 6)) for f in files)
    return {"files": len(files), "raw_bytes": raw, "gzip_bytes": zipped}


def _search_indexes(site: Path) -> dict[str, dict[str, int]]:
    out = {}
    for index in sorted(site.rglob("search_index.json")):
        data = index.read_bytes()
        key = str(index.parent.relative_to(site))
        out[key] = {"raw_bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}
    return out


def _search_latency(site: Path, queries: list[str]) -> dict[str, float]:
    """Type a query into Material's search box; time until the result list changes."""
    from playwright.sync_api import sync_playwright

    server = subprocess.Popen(["python3", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                               str(site)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = server.stdout.readline()
        port = int(re.search(r"port (\d+)", line).group(1))
        results: dict[str, float] = {}
        with sync_playwright() as manager:
            browser = manager.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/a-71-1016/")
            page.click("label.md-search__icon, .md-search__input", timeout=5000)
            page.wait_for_function("() => document.querySelector('.md-search__input') !== null")
            page.wait_for_timeout(1500)  # the worker loads and builds the index
            for query in queries:
                elapsed = page.evaluate(
                    """(query) => new Promise((resolve) => {
                        const input = document.querySelector('.md-search__input');
                        const list = document.querySelector('.md-search-result__list');
                        input.value = '';
                        input.dispatchEvent(new Event('input', {bubbles: true}));
                        setTimeout(() => {
                          const start = performance.now();
                          const observer = new MutationObserver(() => {
                            if (list.children.length) { observer.disconnect(); resolve(performance.now() - start); }
                          });
                          observer.observe(list, {childList: true});
                          input.value = query;
                          input.dispatchEvent(new Event('input', {bubbles: true}));
                          input.dispatchEvent(new KeyboardEvent('keyup', {key: 'End', bubbles: true}));
                          setTimeout(() => { observer.disconnect(); resolve(-1); }, 5000);
                        }, 300);
                    })""",
                    query,
                )
                results[query] = round(elapsed, 1)
            browser.close()
        return results
    finally:
        server.terminate()


def run_bench(args) -> int:
    source = Path(args.source)
    work = Path(tempfile.mkdtemp(prefix="r2p-bench-"))
    report: dict = {"date": time.strftime("%Y-%m-%d"), "machine": {
        "python": platform.python_version(), "platform": platform.platform(), "cpus": _cpus()}}
    try:
        runs = [_timed_build(source, work) for _ in range(3)]
        generate = statistics.median(r.generate for r in runs)
        mkdocs = statistics.median(r.mkdocs for r in runs)
        report["build"] = {"generator_s": round(generate, 3), "mkdocs_s": round(mkdocs, 3),
                           "generator_share": round(generate / (generate + mkdocs), 3)}
        scale = {}
        sizes = sorted({2, 10, 20, args.reports})
        for count in sizes:
            scaled = _scaled_source(source, count, work / f"src-{count}")
            times = _timed_build(scaled, work)
            scale[count] = {"total_s": round(times.stages["total"], 3),
                            "per_report_s": round(times.stages["total"] / count, 3),
                            "generator_s": round(times.generate, 3), "mkdocs_s": round(times.mkdocs, 3)}
        report["scale"] = scale
        report["scale_ratio"] = round(scale[args.reports]["total_s"] / scale[2]["total_s"], 2)
        site = work / "site"
        build_site(source, site, Path("docs"))
        report["page_weight"] = {lang: _page_weight(site, site / prefix / "a-71-1016" / "index.html")
                                 for lang, prefix in (("zh", ""), ("en", "en"))}
        report["search_index"] = _search_indexes(site)
        try:
            report["search_ms"] = _search_latency(site, ["普遍定期审议", "暴行罪", "抑制手段", "定期审议"])
        except Exception as exc:  # no browser here: say so, measure the rest
            report["search_ms"] = {"error": str(exc).splitlines()[0]}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["targets"] = _targets(report)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _print(report)
    return 0


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _targets(report: dict) -> dict[str, dict]:
    checks = {
        "generator_share": report["build"]["generator_share"],
        "page_gzip_bytes": max(w["gzip_bytes"] for w in report["page_weight"].values()),
        "index_gzip_bytes": max((i["gzip_bytes"] for i in report["search_index"].values()), default=0),
        "search_ms": max((v for v in report["search_ms"].values() if isinstance(v, (int, float))), default=-1),
        "scale_ratio": report["scale_ratio"],
    }
    return {name: {"value": value, "target": TARGETS[name], "met": 0 <= value < TARGETS[name]}
            for name, value in checks.items()}


def _print(report: dict) -> None:
    build = report["build"]
    print(f"full build: generator {build['generator_s']} s + mkdocs {build['mkdocs_s']} s "
          f"(generator share {build['generator_share']:.1%})")
    for count, row in report["scale"].items():
        print(f"  {count:>3} reports: {row['total_s']} s total, {row['per_report_s']} s per report")
    for lang, weight in report["page_weight"].items():
        print(f"report page ({lang}): {weight['files']} files, {weight['raw_bytes']:,} B raw, "
              f"{weight['gzip_bytes']:,} B gzip")
    for where, size in report["search_index"].items():
        print(f"search index {where}: {size['raw_bytes']:,} B raw, {size['gzip_bytes']:,} B gzip")
    print(f"search latency (ms): {report['search_ms']}")
    for name, check in report["targets"].items():
        print(f"  {'met ' if check['met'] else 'MISS'} {name}: {check['value']} (target < {check['target']})")
