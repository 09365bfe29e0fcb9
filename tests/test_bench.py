"""The benchmark's pure helpers (build_tools/bench.py) on tiny fake sites and sources.
Timings themselves are never asserted (they depend on the machine)."""

from __future__ import annotations

import gzip

import yaml

from build_tools import bench


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "fonts").mkdir(parents=True)
    (site / "report").mkdir()
    (site / "search").mkdir()
    page = site / "report" / "index.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="../assets/site.css?v=1">'
        '<link rel="icon" href="../assets/icon.png"><link rel="canonical" href="https://example.org/report/">'
        '<link rel="alternate" href="../en/report/" hreflang="en">'
        '<script src="../assets/app.js"></script><script src="https://cdn.example.org/x.js"></script>'
        "</head><body>" + "段落" * 500 + "</body></html>", encoding="utf-8")
    (site / "assets" / "site.css").write_text(
        "@font-face{src:url('fonts/a.woff2')} body{background:url(data:image/png;base64,AAAA)}", encoding="utf-8")
    (site / "assets" / "app.js").write_text("console.log(1);" * 100, encoding="utf-8")
    (site / "assets" / "icon.png").write_bytes(b"\x89PNG" + bytes(200))
    (site / "assets" / "fonts" / "a.woff2").write_bytes(bytes(range(256)) * 4)
    (site / "search" / "search_index.json").write_text('{"config": {}, "docs": [{"location": "report/"}]}',
                                                       encoding="utf-8")
    return site, page


def test_static_assets_follow_html_and_css(tmp_path):
    site, page = _site(tmp_path)
    names = sorted(p.relative_to(site).as_posix() for p in bench.static_assets(site, page))
    # stylesheet (query string dropped), icon, script, and the font the stylesheet loads;
    # not the canonical/alternate links, other hosts or data: URLs
    assert names == ["assets/app.js", "assets/fonts/a.woff2", "assets/icon.png", "assets/site.css",
                     "report/index.html"]


def test_page_weight_counts_each_file_once_per_kind_and_leaves_the_index_out(tmp_path):
    site, page = _site(tmp_path)
    files = [*bench.static_assets(site, page), site / "assets" / "app.js", site / "search" / "search_index.json"]
    weight = bench.page_weight(files)
    assert weight["js"]["files"] == 1  # listed twice, counted once
    assert weight["html"]["raw_bytes"] == page.stat().st_size
    assert weight["html"]["gzip_bytes"] == len(gzip.compress(page.read_bytes(), bench.GZIP_LEVEL, mtime=0))
    assert weight["html"]["gzip_bytes"] < weight["html"]["raw_bytes"]  # repetitive text compresses
    assert weight["fonts"]["files"] == 1 and weight["images"]["files"] == 1
    assert weight["search_index"]["files"] == 1
    kinds = [k for k in weight if k not in ("total", "search_index")]
    assert weight["total"]["files"] == 5
    assert weight["total"]["raw_bytes"] == sum(weight[k]["raw_bytes"] for k in kinds)
    assert weight["total"]["gzip_bytes"] == sum(weight[k]["gzip_bytes"] for k in kinds)


def test_search_indexes_per_language(tmp_path):
    site, _page = _site(tmp_path)
    (site / "en" / "search").mkdir(parents=True)
    (site / "en" / "search" / "search_index.json").write_text('{"docs": []}', encoding="utf-8")
    found = bench.search_indexes(site)
    assert set(found) == {"search/search_index.json", "en/search/search_index.json"}
    assert found["search/search_index.json"]["entries"] == 1


def test_scaled_source_copies_reports_under_new_slugs(tmp_path):
    base = tmp_path / "src"
    for slug in ("a-1-1", "a-2-2"):
        (base / slug).mkdir(parents=True)
        (base / slug / "meta.yaml").write_text(yaml.safe_dump({"slug": slug, "title": {"zh": "标题"}},
                                                               allow_unicode=True), encoding="utf-8")
        (base / slug / "zh.txt").write_text(f"{slug} 正文\n", encoding="utf-8")
    (base / "glossary.yaml").write_text("terms: []\n", encoding="utf-8")
    out = bench.scaled_source(base, 5, tmp_path / "scaled")
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert folders == ["a-1-1", "a-1-1-copy2", "a-1-1-copy4", "a-2-2", "a-2-2-copy3"]
    for folder in folders:
        meta = yaml.safe_load((out / folder / "meta.yaml").read_text(encoding="utf-8"))
        assert meta["slug"] == folder and meta["title"] == {"zh": "标题"}
    assert (out / "a-2-2-copy3" / "zh.txt").read_text(encoding="utf-8") == "a-2-2 正文\n"
    assert (out / "glossary.yaml").is_file()


def test_copy_assets_leaves_generated_pages_out(tmp_path):
    docs = tmp_path / "docs"
    for path in ("assets/r2p.css", "zh/index.md", "en/index.md", ".generated/x.txt", "data/g.csv",
                 "assets/zh/keep.txt"):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("x", encoding="utf-8")
    bench.copy_assets(docs, tmp_path / "copy")
    copied = sorted(p.relative_to(tmp_path / "copy").as_posix() for p in (tmp_path / "copy").rglob("*")
                    if p.is_file())
    assert copied == ["assets/r2p.css", "assets/zh/keep.txt"]  # only top-level generated folders skipped


def test_targets_are_checked_against_the_figures():
    report = {
        "build": {"generator_share": 0.05},
        "page_weight": {"zh": {"total": {"gzip_bytes": 310_000}}, "en": {"total": {"gzip_bytes": 100}}},
        "search_index": {"search/search_index.json": {"gzip_bytes": 1000}},
        "search": {"zh": {"query_ms": {"a": 20.0, "b": 250.0}}},
        "scale": {"ratio": 19.9},
    }
    checks = bench.check_targets(report)
    assert checks["generator_share"]["met"] and checks["index_gzip_bytes"]["met"] and checks["scale_ratio"]["met"]
    assert not checks["page_gzip_bytes"]["met"] and checks["page_gzip_bytes"]["value"] == 310_000
    assert not checks["search_ms"]["met"] and checks["search_ms"]["value"] == 250.0
    report["search"] = {"zh": {"query_ms": {"a": -1.0}}}  # a query that never showed results
    assert not bench.check_targets(report)["search_ms"]["met"]
