"""Benchmarks: build times against stock Material, what the quiz costs, and a
quiz step in the browser. Prints numbers; asserts nothing (times vary by
machine, so no test checks them).

    make bench                     # or: .venv/bin/python -m scripts.measure.bench [--runs N] [--big-runs N]

Every build of this site is strict and never quietened (MkDocs 1.6 counts
strict warnings from its log, so a quiet build of a broken site would be timed
as if it built), in a copy of the project under a temporary folder. "Stock Material" is the same articles built
with Material alone: the same theme features (but navigation.prune) and Markdown
settings, no overrides, no hooks, no quiz; in the same run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scripts.build import front_matter
from scripts.measure import synthetic
from scripts.quiz import TreeError, compile_dir, compile_tree
from scripts.quiz.loader import MAX_BYTES
from scripts.quiz.validate import MAX_ROUTE

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("mkdocs.yml", "content", "overrides", "quiz", "scripts")
QUIZ_ASSETS = ["assets/javascripts/quiz.js", "assets/stylesheets/quiz.css"]
SIZES = (150, 1500)
# As long as a route may be (MAX_ROUTE questions, one of them the warning-sign checklist).
TREES = (("deep", MAX_ROUTE - 1), ("wide", 8), ("merging", MAX_ROUTE - 1))


class _Tags(yaml.SafeLoader):
    """Reads mkdocs.yml; MkDocs' own tags (!ENV) read as None."""


_Tags.add_multi_constructor("!", lambda loader, suffix, node: None)


# Workspaces ---------------------------------------------------------------

def ours(folder: Path, articles: int = 0, trees: tuple = ()) -> Path:
    """A copy of this project, with `articles` synthetic articles and the
    synthetic `trees` (shape, size) added; returns its config file."""
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, folder / name)
    nav = _nav()
    if articles:
        nav.append({"Library": synthetic.library(folder / "content", articles)})
    for shape, size in trees:
        (folder / "quiz" / f"bench-{shape}.yml").write_text(synthetic.tree(shape, size), encoding="utf-8")
        nav.append({f"Synthetic {shape} tree": f"quiz/bench-{shape}.md"})
    hooks = _config()["hooks"] + ["scripts/measure/bench_timing.py"]
    config = folder / "mkdocs-bench.yml"
    config.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "nav": nav, "hooks": hooks}), encoding="utf-8")
    return config


def stock(folder: Path, articles: int = 0) -> Path:
    """The same articles (ours and the synthetic ones) as a stock Material site."""
    mine = _config()
    shutil.copytree(ROOT / "content", folder / "content")
    nav = [item for item in _nav() if not _is_quiz(item)]
    if articles:
        nav.append({"Library": synthetic.library(folder / "content", articles)})
    # Our features (but navigation.prune, which is ours to choose) and light/dark
    # toggle, in Material's own colours (ours are in our stylesheet).
    palette = [{**scheme, "primary": "indigo"} for scheme in mine["theme"]["palette"]]
    features = [f for f in mine["theme"]["features"] if f != "navigation.prune"]
    theme = {"name": "material", "font": False, "features": features, "palette": palette}
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "site_name": mine["site_name"], "site_url": mine["site_url"], "docs_dir": "content", "theme": theme,
        "markdown_extensions": mine["markdown_extensions"], "plugins": ["search"], "nav": nav}), encoding="utf-8")
    return config


def _config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Tags)


def _nav() -> list:
    return _config()["nav"]


def _is_quiz(item) -> bool:
    target = next(iter(item.values())) if isinstance(item, dict) else item
    return isinstance(target, str) and (target.startswith("quiz/") or target == "embed.md")


# Measuring ----------------------------------------------------------------

def build(config: Path, out: Path, strict: bool = True) -> dict:
    """One build; the bench hook's timings for our builds, the wall time for all."""
    timings = out.parent / f"{out.name}.json"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BENCH_TIMINGS": str(timings)}
    env.pop("EDIT_LINKS", None)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
                             "-f", str(config), "-d", str(out)], cwd=config.parent, env=env,
                            capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: the build of {config} failed:\n{result.stderr[-3000:]}")
    found = json.loads(timings.read_text()) if timings.exists() else {}
    return {"wall": wall, **found}


def median_build(config: Path, out: Path, runs: int, strict: bool = True) -> tuple[float, dict]:
    results = [build(config, out, strict) for _ in range(runs)]
    return statistics.median(r["wall"] for r in results), results[-1]


def site_weight(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def tree_weight(site: Path, tree: str) -> tuple[int, int]:
    pages = list((site / "quiz" / tree).rglob("*.html"))
    return len(pages), sum(p.stat().st_size for p in pages)


def timed(func, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:8.1f} ms  "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})")


# Report -------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per size up to 150 articles (median)")
    parser.add_argument("--big-runs", type=int, default=1, help="builds at 1,500 articles (median)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="synthetic library sizes")
    args = parser.parse_args(argv)

    compiler(args.runs)
    with tempfile.TemporaryDirectory(prefix="slsr-bench-") as tmp:
        work = Path(tmp)
        print("\n## Build time: this site against stock Material (same articles, same run)\n")
        print(f"{'articles':>22} | {'this site':>10} | {'stock':>10} | {'ratio':>6} | pages (ours / stock), "
              "time per page")
        built = {}   # articles added -> (our time, stock's time, our timings, our site)
        for size in [0, *args.sizes]:
            runs = args.big_runs if size >= 1000 else args.runs
            mine = _fresh(work / f"ours-{size}")
            ours_time, timing = median_build(ours(mine, size), mine / "site", runs)
            theirs = _fresh(work / f"stock-{size}")
            stock_time, _ = median_build(stock(theirs, size), theirs / "site", runs, strict=False)
            built[size] = (ours_time, stock_time, timing, mine / "site")
            label = "real site (22)" if size == 0 else f"real + {size:,} synthetic"
            theirs_pages = _pages(theirs / "site")
            print(f"{label:>22} | {ours_time:9.2f}s | {stock_time:9.2f}s | {ours_time / stock_time:5.2f}x | "
                  f"{timing['pages']} / {theirs_pages}; per page {ours_time / timing['pages'] * 1000:.1f} / "
                  f"{stock_time / theirs_pages * 1000:.1f} ms (n={runs})")
        base_ours, base_stock, base_timing, site = built[0]
        # What one more article costs: the time above the real site's, per article added.
        per_article = {size: ((mine_s - base_ours) / size * 1000, (theirs_s - base_stock) / size * 1000)
                       for size, (mine_s, theirs_s, _, _) in built.items() if size}
        for size, (mine_ms, theirs_ms) in per_article.items():
            print(f"each synthetic article at {size:,}: {mine_ms:.1f} ms here, {theirs_ms:.1f} ms stock "
                  f"({mine_ms / theirs_ms:.2f}x)")
        if len(per_article) > 1:
            small, big = per_article[min(per_article)][0], per_article[max(per_article)][0]
            print(f"growth of the cost per article here, {min(per_article):,} -> {max(per_article):,}: "
                  f"{big / small:.2f}x (1.00x is linear)")
        quiz_share(base_timing, base_ours)
        weights(site)
        trees(work, args.runs, base_ours)
        step_time(site)
    return 0


def compiler(runs: int) -> None:
    trees = compile_dir(ROOT / "quiz", content_dir=ROOT / "content")
    print("## The quiz compiler\n")
    print(f"compile both trees ({sum(len(t.paths) for t in trees)} routes): "
          + summary(timed(lambda: compile_dir(ROOT / "quiz", content_dir=ROOT / "content"), runs * 4)))
    # Absurd input must be refused fast: an alias bomb (a billion nodes if
    # expanded) and a file past the size limit.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    huge = "questions:\n" + "  q: " + "x" * (MAX_BYTES + 10) + "\n"
    for name, text in (("alias bomb", bomb), (f"file over {MAX_BYTES // 1024} KiB", huge)):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "t.yml"
            path.write_text(text, encoding="utf-8")
            print(f"refuse {name}: " + summary(timed(lambda: _refused(path), runs * 4)))
    # The same for an article's front matter: 9**9 titles if the aliases were followed.
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    article = "---\n" + "\n".join(rows) + "\ntitle: *a8\n---\n\n# Bomb\n"
    print("refuse front matter alias bomb: "
          + summary(timed(lambda: front_matter.check(article, "bomb.md") or _not_refused(), runs * 4)))


def quiz_share(timing: dict, wall: float) -> None:
    print("\n## The quiz's share of the real site's build\n")
    quiz = timing["quiz_pages"]
    print(f"build {wall:.2f} s (wall, incl. start-up); inside MkDocs {timing['total']:.2f} s, of which "
          f"every hook's on_config (trees compiled there) {timing['config'] * 1000:.0f} ms, "
          f"{timing['quiz_page_count']} quiz pages {quiz:.2f} s ({quiz / timing['total']:.0%}), "
          f"{timing['pages'] - timing['quiz_page_count']} other pages {timing['other_pages']:.2f} s")


def weights(site: Path) -> None:
    print("\n## What the real site writes\n")
    count, size = site_weight(site)
    print(f"{count} files, {size / 1024:.0f} KiB; {len(list(site.rglob('*.html')))} HTML pages")
    total = 0
    for asset in QUIZ_ASSETS:
        raw = (site / asset).read_bytes()
        packed = len(gzip.compress(raw, 9))
        total += packed
        print(f"{asset}: {len(raw)} bytes, {packed} gzipped")
    print(f"quiz JS + CSS gzipped: {total} bytes (budget 5120, tests/test_quiz_pages.py)")
    for tree in sorted(p.name for p in (site / "quiz").iterdir() if p.is_dir()):
        pages, size = tree_weight(site, tree)
        start = site / "quiz" / tree / "index.html"
        print(f"quiz {tree}: {pages} pages, {size / 1024:.0f} KiB; start page {start.stat().st_size} bytes, "
              f"{len(gzip.compress(start.read_bytes(), 9))} gzipped")


def trees(work: Path, runs: int, base: float) -> None:
    """Synthetic trees of each shape: pages and bytes written, and the build time
    they add to the real site's (`base`, measured in the same run)."""
    print("\n## Synthetic trees (added to the real site)\n")
    folder = _fresh(work / "trees")
    took, _ = median_build(ours(folder, trees=TREES), folder / "site", runs)
    site = folder / "site"
    for shape, size in TREES:
        tree = compile_tree(folder / "quiz" / f"bench-{shape}.yml")
        pages, written = tree_weight(site, f"bench-{shape}")
        print(f"{shape:>8} ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
              f"{len(tree.paths)} routes): {pages} pages, {written / 1024:.0f} KiB")
    print(f"the three trees add {took - base:.2f} s to a {base:.2f} s build (n={runs})")


def step_time(site: Path) -> None:
    """Each answer along the commonest route ("No" to every warning sign, legs
    that feel fine), with JavaScript on, five times over."""
    from playwright.sync_api import sync_playwright

    from scripts.measure.static_host import serve

    print("\n## A quiz step in the browser (target: under one 16 ms frame)\n")
    browser_path = shutil.which(os.environ.get("CHROMIUM") or "chromium") or shutil.which("chromium-browser")
    if not browser_path:
        print("not measured: no Chromium (make test installs it)")
        return
    server, base = serve(site)
    work, frame = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"])
        page = browser.new_page(bypass_csp=True)   # the probe is a script of ours, not the site's
        for _ in range(5):
            page.goto(base + "quiz/should-i-run-today/")
            page.locator(".slsr-quiz a, .slsr-quiz button").filter(has_text="Start").first.click()
            while (answers := page.locator(".slsr-quiz__step:visible .slsr-quiz__answer")).count():
                clear = answers.filter(has_text="No, none of these")
                page.evaluate(_PROBE)
                (clear if clear.count() else answers.last).first.click()
                page.wait_for_function("window.__step && window.__step.frame !== null")
                measured = page.evaluate("window.__step")
                work.append(measured["work"])
                frame.append(measured["frame"])
        browser.close()
    server.shutdown()
    print(f"{len(work)} steps. Script, style and layout of a step: median {statistics.median(work):.1f} ms, "
          f"max {max(work):.1f} ms. Click to the painted frame: median {statistics.median(frame):.1f} ms, "
          f"max {max(frame):.1f} ms (it includes the wait for the display's next frame, up to 16.7 ms).")


# Installed before each click. "work": from the click to the end of every
# click handler (the quiz's run on the element, before the event reaches the
# window), with style and layout forced. "frame": to the frame after it has
# been painted (a task queued from requestAnimationFrame runs after the paint).
_PROBE = """() => {
  window.__step = {work: null, frame: null};
  addEventListener("click", (event) => {
    document.documentElement.getBoundingClientRect();
    window.__step.work = performance.now() - event.timeStamp;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { window.__step.frame = performance.now() - event.timeStamp; };
      channel.port2.postMessage(0);
    });
  }, {once: true});
}"""


def _pages(site: Path) -> int:
    return len(list(site.rglob("*.html")))


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _not_refused() -> None:
    raise AssertionError("the front matter alias bomb was not refused")


def _refused(path: Path) -> None:
    try:
        compile_tree(path)
    except TreeError:
        return
    raise AssertionError(f"{path} was not refused")


if __name__ == "__main__":
    sys.exit(main())
