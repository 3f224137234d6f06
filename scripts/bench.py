"""Benchmarks: how long the build and the quiz compiler take, and how much
the quiz weighs. Prints numbers; asserts nothing (times vary by machine).

    make bench            # or: .venv/bin/python -m scripts.bench [--runs N]
"""
from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import front_matter
from scripts.quiz import TreeError, compile_dir, compile_tree
from scripts.quiz.loader import MAX_BYTES

ROOT = Path(__file__).resolve().parents[1]
QUIZ_ASSETS = ["assets/javascripts/quiz.js", "assets/stylesheets/quiz.css"]


def timed(func, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:8.1f} ms  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    trees = compile_dir(ROOT / "quiz", content_dir=ROOT / "content")
    print(f"quiz compile (both trees, {sum(len(t.paths) for t in trees)} paths): "
          + summary(timed(lambda: compile_dir(ROOT / "quiz", content_dir=ROOT / "content"), args.runs * 4)))

    # Absurd input must be refused fast: an alias bomb (a billion nodes if
    # expanded) and a file past the size limit.
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    huge = "questions:\n" + "  q: " + "x" * (MAX_BYTES + 10) + "\n"
    for name, text in (("alias bomb", bomb), (f"file over {MAX_BYTES // 1024} KiB", huge)):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "t.yml"
            path.write_text(text, encoding="utf-8")
            print(f"refuse {name}: " + summary(timed(lambda: _refused(path), args.runs * 4)))

    # The same for an article's front matter: 9**9 titles if the aliases were followed.
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    article = "---\n" + "\n".join(rows) + "\ntitle: *a8\n---\n\n# Bomb\n"
    print("refuse front matter alias bomb: "
          + summary(timed(lambda: front_matter.check(article, "bomb.md") or _not_refused(), args.runs * 4)))

    with tempfile.TemporaryDirectory() as out:
        def build():
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", out],
                           cwd=ROOT, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
        print("mkdocs build --strict (whole site, incl. start-up): " + summary(timed(build, args.runs)))
        site = Path(out)
        pages = [p for p in site.rglob("*.html")]
        print(f"pages built: {len(pages)}; site size: {sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 1024:.0f} KiB")
        total = 0
        for asset in QUIZ_ASSETS:
            raw = (site / asset).read_bytes()
            packed = len(gzip.compress(raw, 9))
            total += packed
            print(f"{asset}: {len(raw)} bytes, {packed} bytes gzipped")
        print(f"quiz JS + CSS gzipped: {total} bytes (budget 5120)")
        start = site / "quiz" / "should-i-run-today" / "index.html"
        print(f"quiz start page HTML: {start.stat().st_size} bytes, {len(gzip.compress(start.read_bytes(), 9))} gzipped")
    return 0


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
