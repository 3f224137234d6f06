"""`make audit`: Lighthouse on each kind of page, mobile and desktop, against
stock Material pages built in the same run.

    make audit                    # or: .venv/bin/python -m scripts.measure.audit [--runs N] [--only mobile]

Lighthouse (npm, version pinned in scripts/measure/lighthouse/package-lock.json) is
installed into .cache/lighthouse/ on first use, and runs the system Chromium
with the network closed to everything but this machine. Both sites are served
as a static host serves them (gzip, scripts/measure/static_host.py). Each page is
audited --runs times (3 by default); the table shows the median of each
figure. Lighthouse's simulated mobile network and CPU make the scores
comparable between runs; on a busy machine they still drop, so compare the two
sites of one run, not runs of different days.
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
from pathlib import Path

from scripts.measure import bench
from scripts.measure.static_host import serve

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "measure" / "lighthouse"
INSTALL = ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (("FCP", "first-contentful-paint", 1), ("LCP", "largest-contentful-paint", 1),
           ("TBT", "total-blocking-time", 1), ("CLS", "cumulative-layout-shift", 1000))
# (site, page kind, address)
PAGES = (
    ("ours", "home", ""),
    ("ours", "article", "sore-legs/what-is-doms/"),
    ("ours", "quiz start", "quiz/should-i-run-today/"),
    ("ours", "question", "quiz/should-i-run-today/legs-today/"),
    ("ours", "outcome", "quiz/should-i-run-today/easy-run/"),
    ("ours", "embed", "quiz/should-i-run-today/embed/"),
    ("stock", "home", ""),
    ("stock", "article", "sore-legs/what-is-doms/"),
)
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
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if form == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium()})
    return figures(json.loads(out.read_text(encoding="utf-8")))


def figures(report: dict) -> dict:
    """Scores (0-100), metrics (ms; CLS x 1000), requests and bytes of a Lighthouse report."""
    audits = report["audits"]
    found = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for name, audit, scale in METRICS:
        found[name] = audits[audit]["numericValue"] * scale
    found["requests"] = len(audits["network-requests"]["details"]["items"])
    found["bytes"] = audits["total-byte-weight"]["numericValue"]
    found["failed"] = sorted(key for key, audit in audits.items()
                             if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                             and audit.get("score") is not None and audit["score"] < 0.9)
    return found


def median(runs: list[dict]) -> dict:
    """The median of every figure over runs; the audits that fell short in any run."""
    keys = [k for k in runs[0] if k != "failed"]
    found = {k: statistics.median(r[k] for r in runs) for k in keys}
    found["failed"] = sorted({name for r in runs for name in r["failed"]})
    return found


def row(site: str, kind: str, form: str, m: dict) -> str:
    scores = " ".join(f"{m[c]:>4.0f}" for c in CATEGORIES)
    return (f"| {site:<5} | {kind:<10} | {form:<7} | {scores} | {m['FCP']:>6.0f} | {m['LCP']:>6.0f} | "
            f"{m['TBT']:>5.0f} | {m['CLS'] / 1000:.3f} | {m['requests']:>4.0f} | {m['bytes'] / 1024:>6.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=("mobile", "desktop"), help="one form factor only")
    args = parser.parse_args(argv)
    cli = lighthouse()
    forms = [args.only] if args.only else ["mobile", "desktop"]
    with tempfile.TemporaryDirectory(prefix="slsr-audit-") as tmp:
        work = Path(tmp)
        sites = {}
        for name, make, strict in (("ours", bench.ours, True), ("stock", bench.stock, False)):
            folder = bench._fresh(work / name)
            bench.build(make(folder), folder / "site", strict=strict)
            sites[name] = serve(folder / "site")
        print(f"\nLighthouse {_version(cli)}, medians of {args.runs} run(s); FCP, LCP, TBT in ms; "
              "bytes: KiB as sent (gzip)\n")
        print("| site  | page       | form    | perf a11y  bp  seo |    FCP |    LCP |   TBT |   CLS | reqs |    KiB |")
        print("|---|---|---|---|---:|---:|---:|---:|---:|---:|")
        short: dict[str, set] = {}
        results = {}
        for form in forms:
            for site, kind, path in PAGES:
                url = sites[site][1] + path
                runs = [run(cli, url, form, work / f"report-{len(results)}-{n}.json") for n in range(args.runs)]
                results[site, kind, form] = m = median(runs)
                print(row(site, kind, form, m), flush=True)
                for name in m["failed"]:
                    short.setdefault(name, set()).add(f"{site} {kind} ({form})")
        for server, _ in sites.values():
            server.shutdown()
    print("\nRatios to stock Material (same page kind, same run): "
          + "; ".join(_ratio(results, kind, form) for form in forms for kind in ("home", "article")))
    if short:
        print("\nAudits scoring under 0.9 somewhere (Lighthouse's ids):")
        for name, where in sorted(short.items()):
            print(f"  {name}: {', '.join(sorted(where))}")
    return 0


def _ratio(results: dict, kind: str, form: str) -> str:
    mine, stock = results["ours", kind, form], results["stock", kind, form]
    return (f"{kind} {form}: LCP {mine['LCP'] / stock['LCP']:.2f}x, requests {mine['requests']:.0f}/"
            f"{stock['requests']:.0f}, bytes {mine['bytes'] / stock['bytes']:.2f}x")


def _version(cli: Path) -> str:
    return json.loads((cli.parents[1] / "package.json").read_text())["version"]


if __name__ == "__main__":
    sys.exit(main())
