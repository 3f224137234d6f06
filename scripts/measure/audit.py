"""`make audit`: Lighthouse on each kind of page, mobile and desktop, against
stock Material pages built in the same run.

    make audit        # or: .venv/bin/python -m scripts.measure.audit [--runs N] [--only mobile] [--kinds article,home]

Lighthouse (npm, version pinned in scripts/measure/lighthouse/package-lock.json) is
installed into .cache/lighthouse/ on first use, and runs the system Chromium
with the network closed to everything but this machine. Both sites are served
as a static host serves them (gzip, scripts/measure/static_host.py).

Load cannot fool it: our page and stock's are audited one right after the
other, in turns (ours first, then stock first, page by page and run by run),
and the table gives for every figure the median and spread (min-max) of ours
and of stock, and of the ratio ours/stock taken pair by pair. An absolute
score holds only on an idle machine; the ratio is what to compare. The
machine's other work is measured before every pair (the share of its CPU
busy in one second, Load) and printed with the table, and a warning goes to
stderr whenever it is above a quarter. Quiz pages have no stock
counterpart: they are paired with stock's article.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.measure import audit_table as tables
from scripts.measure import bench
from scripts.measure.static_host import serve

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "measure" / "lighthouse"
INSTALL = ROOT / ".cache" / "lighthouse"
# (page kind, address, the stock page it is paired with)
PAGES = (
    ("home", "", "home"),
    ("article", "sore-legs/what-is-doms/", "article"),
    ("quiz start", "quiz/should-i-run-today/", "article"),
    ("question", "quiz/should-i-run-today/legs-today/", "article"),
    ("outcome", "quiz/should-i-run-today/easy-run/", "article"),
    ("embed", "quiz/should-i-run-today/embed/", "article"),
)
STOCK = {"home": "", "article": "sore-legs/what-is-doms/"}
MAX_RUNS = 9          # runs are bounded: 9 pairs of each page kind at most
RUN_TIMEOUT = 180     # seconds for one Lighthouse run before it counts as failed
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync --disable-default-apps")


def lighthouse() -> Path:
    """The Lighthouse CLI, installed from the lock file the first time (and again when it changes)."""
    lock = (PACKAGE / "package-lock.json").read_bytes()
    stamp = INSTALL / f".installed-{hashlib.sha256(lock).hexdigest()[:12]}"
    cli = INSTALL / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not stamp.exists() or not cli.exists():
        if not shutil.which("npm"):
            raise SystemExit("make audit needs Node.js and npm (Debian: apt-get install nodejs npm).")
        print("Installing Lighthouse into .cache/lighthouse/ (once)...", flush=True)
        shutil.rmtree(INSTALL, ignore_errors=True)
        INSTALL.mkdir(parents=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(PACKAGE / name, INSTALL / name)
        # `npm install` with the lock file (not `npm ci`: one of Lighthouse's packages asks
        # for another at "latest", which `npm ci` refuses as out of step with any lock).
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=INSTALL, check=True)
        stamp.touch()
    return cli


def chromium() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    raise SystemExit("No Chromium found: run `make test` once (it installs Debian's chromium), "
                     "or set CHROMIUM=/path/to/chrome.")


def run(cli: Path, url: str, form: str, out: Path) -> dict:
    """One Lighthouse run; the figures the table shows."""
    command = ["node", str(cli), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(tables.CATEGORIES)}"]
    if form == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, timeout=RUN_TIMEOUT, env={**os.environ, "CHROME_PATH": chromium()})
    return tables.figures(json.loads(out.read_text(encoding="utf-8")))


class Load:
    """How busy the machine is with other work, read before every pair while
    the audit itself waits: the share of CPU time used in one second, from
    /proc/stat (a 1-minute load average would count the audit's own last runs);
    the load average where there is no /proc/stat. Warns on stderr when high."""

    SAMPLE_S = 1.0
    LIMIT = 0.25   # a quarter of the machine

    def __init__(self):
        self.cores = os.cpu_count() or 1
        self.seen: list[float] = []
        self.proc = Path("/proc/stat").is_file()

    def check(self, when: str) -> None:
        if self.proc:
            before = _cpu_line()
            time.sleep(self.SAMPLE_S)
            share = tables.busy_share(before, _cpu_line())
            self.seen.append(share)
            high, said = share > self.LIMIT, f"{share:.0%} of the CPU busy with other work"
        else:
            load = os.getloadavg()[0]
            self.seen.append(load)
            high, said = tables.busy(load, self.cores), f"load average {load:.2f}"
        if high:
            print(f"audit: warning: {said} on {self.cores} core(s) {when}; absolute "
                  "figures will be off, compare the ratios", file=sys.stderr, flush=True)

    def line(self) -> str:
        low, high, median = min(self.seen), max(self.seen), statistics.median(self.seen)
        if self.proc:
            return (f"CPU busy with other work, in the second before each pair: median {median:.0%}, "
                    f"{low:.0%}-{high:.0%} of {self.cores} core(s)")
        return f"load average (1 min) while measuring: median {median:.2f}, {low:.2f}-{high:.2f} on {self.cores} core(s)"


def _cpu_line() -> str:
    """/proc/stat's first line: the whole machine's CPU time so far, by kind."""
    return Path("/proc/stat").read_text().split("\n", 1)[0]


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(cli: Path, sites: dict, pages: list, forms: list, runs: int, work: Path, load: Load) -> dict:
    """Every pair, in turns; returns {(kind, form): [(ours, stock), ...]}."""
    pairs: dict[tuple[str, str], list] = {(kind, form): [] for form in forms for kind, _, _ in pages}
    turn = 0
    for n in range(runs):
        for form in forms:
            for kind, path, reference in pages:
                load.check(f"before run {n + 1} of {kind} ({form})")
                urls = {"ours": sites["ours"] + path, "stock": sites["stock"] + STOCK[reference]}
                order = ("ours", "stock") if turn % 2 == 0 else ("stock", "ours")
                turn += 1
                found = {side: run(cli, urls[side], form, work / f"{side}-{turn}.json") for side in order}
                pairs[kind, form].append((found["ours"], found["stock"]))
                print(f"  run {n + 1}/{runs} {kind} ({form}): TBT {found['ours']['TBT']:.0f} / "
                      f"{found['stock']['TBT']:.0f} ms, perf {found['ours']['performance']} / "
                      f"{found['stock']['performance']}", file=sys.stderr, flush=True)
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help=f"pairs of each page (1-{MAX_RUNS}; default 3)")
    parser.add_argument("--only", choices=("mobile", "desktop"), help="one form factor only")
    parser.add_argument("--kinds", help="comma-separated page kinds (default: all): "
                        + ", ".join(kind for kind, _, _ in PAGES))
    parser.add_argument("--keep", type=Path, help="keep every Lighthouse report (JSON) in this folder")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= MAX_RUNS:
        parser.error(f"--runs must be 1 to {MAX_RUNS}")
    pages = [page for page in PAGES if not args.kinds or page[0] in args.kinds.split(",")]
    if not pages:
        parser.error("--kinds names no page kind")
    cli = lighthouse()
    forms = [args.only] if args.only else ["mobile", "desktop"]
    load = Load()
    load.check("before building")
    start = uptime()
    with tempfile.TemporaryDirectory(prefix="slsr-audit-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        servers, sites = [], {}
        for name, make, strict in (("ours", bench.ours, True), ("stock", bench.stock, False)):
            folder = bench._fresh(Path(tmp) / name)
            bench.build(make(folder), folder / "site", strict=strict)
            server, sites[name] = serve(folder / "site")
            servers.append(server)
        try:
            pairs = measure(cli, sites, pages, forms, args.runs, work, load)
        finally:
            for server in servers:
                server.shutdown()
    reference = {kind: stock for kind, _, stock in pages}
    results = {(kind, form): (reference[kind], tables.summary(found)) for (kind, form), found in pairs.items()}
    print(f"\nLighthouse {_version(cli)}, {args.runs} pair(s) of runs per page, ours and stock in turns. "
          "Each cell: median (min-max); ours/stock is the ratio taken pair by pair. TBT, LCP in ms; "
          "KiB as sent (gzip).")
    print(f"uptime before: {start}\nuptime after:  {uptime()}\n{load.line()}\n")
    print("\n".join(tables.table(results)))
    print("\nOther scores (medians, ours / stock): " + "; ".join(
        f"{kind} {form}: " + ", ".join(f"{c} {f['other']['ours'][c]:.0f}/{f['other']['stock'][c]:.0f}"
                                       for c in tables.CATEGORIES[1:])
        for (kind, form), (_, f) in results.items()))
    print("\nTargets (medians): TBT <= stock's, KiB <= stock's + 2, CLS <= 0.01")
    print("\n".join("  " + line for line in tables.targets(results)))
    short: dict[str, set] = {}
    for (kind, form), (_, found) in results.items():
        for name in found["failed"]:
            short.setdefault(name, set()).add(f"{kind} ({form})")
    if short:
        print("\nOur audits scoring under 0.9 in some run (Lighthouse's ids):")
        for name, where in sorted(short.items()):
            print(f"  {name}: {', '.join(sorted(where))}")
    return 0


def _version(cli: Path) -> str:
    return json.loads((cli.parents[1] / "package.json").read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
