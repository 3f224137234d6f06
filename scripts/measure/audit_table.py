"""The pure half of `make audit`: from Lighthouse reports to the table.

No browser and no clock here, so tests/test_audit.py can check it with made-up
figures. A *run* is one Lighthouse report reduced to `figures()`; a *pair* is
one run of our page and one of stock Material's, taken one right after the
other, so the machine's load weighs on both alike. The table shows, for each
page kind and form factor, the median and the spread (min-max) of every figure
for ours and for stock, and the median and spread of the ratio ours/stock
taken pair by pair.
"""
from __future__ import annotations

import statistics

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# (label, Lighthouse audit id, scale to the unit the table shows)
METRICS = (("FCP", "first-contentful-paint", 1), ("LCP", "largest-contentful-paint", 1),
           ("TBT", "total-blocking-time", 1), ("CLS", "cumulative-layout-shift", 1))
# (figure, column heading, format of one value): what the table shows, in order.
COLUMNS = (("performance", "perf", "{:.0f}"), ("TBT", "TBT ms", "{:.0f}"), ("LCP", "LCP ms", "{:.0f}"),
           ("CLS", "CLS", "{:.3f}"), ("KiB", "KiB", "{:.1f}"), ("requests", "reqs", "{:.0f}"))


def figures(report: dict) -> dict:
    """Scores (0-100), metrics (ms; CLS as is), requests and KiB of a Lighthouse report,
    and the ids of the audits that scored under 0.9."""
    audits = report["audits"]
    found = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    for name, audit, scale in METRICS:
        found[name] = audits[audit]["numericValue"] * scale
    found["requests"] = len(audits["network-requests"]["details"]["items"])
    found["KiB"] = audits["total-byte-weight"]["numericValue"] / 1024
    found["failed"] = sorted(key for key, audit in audits.items()
                             if audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
                             and audit.get("score") is not None and audit["score"] < 0.9)
    return found


def spread(values: list[float]) -> tuple[float, float, float]:
    """(median, min, max) of some values."""
    return statistics.median(values), min(values), max(values)


def ratio(ours: float, stock: float) -> float | None:
    """ours / stock; 1.0 when both are 0 (nothing against nothing), None when only stock's is 0."""
    if stock == 0:
        return 1.0 if ours == 0 else None
    return ours / stock


def summary(pairs: list[tuple[dict, dict]]) -> dict:
    """For each shown figure: ours, stock and ratio as (median, min, max); a ratio
    with no defined value (stock 0 every run) is None. `failed` lists every audit
    under 0.9 in any of our runs."""
    found = {}
    for name, _, fmt in COLUMNS:
        ours = [mine[name] for mine, _ in pairs]
        stock = [theirs[name] for _, theirs in pairs]
        shown = _places(fmt)   # compared as shown: a CLS of 0.00004 is 0.000, not a 1,000x ratio
        ratios = [r for r in (ratio(round(a, shown), round(b, shown)) for a, b in pairs_of(ours, stock))
                  if r is not None]
        found[name] = {"ours": spread(ours), "stock": spread(stock),
                       "ratio": spread(ratios) if ratios else None, "undefined": len(ours) - len(ratios)}
    found["other"] = {side: {c: statistics.median(run[c] for run in runs) for c in CATEGORIES[1:]}
                      for side, runs in (("ours", [p[0] for p in pairs]), ("stock", [p[1] for p in pairs]))}
    found["failed"] = sorted({name for mine, _ in pairs for name in mine["failed"]})
    return found


def _places(fmt: str) -> int:
    """Decimal places of a format: "{:.3f}" -> 3."""
    return int(fmt.split(".")[1][0])


def pairs_of(ours: list, stock: list) -> list[tuple]:
    return list(zip(ours, stock, strict=True))


def cell(values: tuple[float, float, float] | None, fmt: str) -> str:
    """`62 (55-80)`: the median, then the spread; a single run shows its value only."""
    if values is None:
        return "n/a"
    mid, low, high = (fmt.format(value) for value in values)
    return mid if low == high else f"{mid} ({low}-{high})"


def header() -> list[str]:
    names = " | ".join(heading for _, heading, _ in COLUMNS)
    return [f"| page | form | site | {names} |", "|---|---|---|" + "---:|" * len(COLUMNS)]


def rows(kind: str, form: str, reference: str, found: dict) -> list[str]:
    """Three lines for one page kind and form factor: ours, stock, ratio ours/stock per run."""
    lines = []
    for side, label in (("ours", "ours"), ("stock", f"stock {reference}"), ("ratio", "ours/stock")):
        fmt = "{:.2f}x" if side == "ratio" else None
        cells = []
        for name, _, own in COLUMNS:
            text = cell(found[name][side], fmt or own)
            if side == "ratio" and found[name]["undefined"]:
                text += f" [{found[name]['undefined']} run(s) stock 0]"
            cells.append(text)
        first = (kind, form) if side == "ours" else ("", "")
        lines.append(f"| {first[0]} | {first[1]} | {label} | " + " | ".join(cells) + " |")
    return lines


def table(results: dict[tuple[str, str], tuple[str, dict]]) -> list[str]:
    """The whole table: results maps (page kind, form) to (stock reference kind, summary)."""
    lines = header()
    for (kind, form), (reference, found) in results.items():
        lines += rows(kind, form, reference, found)
    return lines


def targets(results: dict[tuple[str, str], tuple[str, dict]], slack_kib: float = 2.0,
            cls_limit: float = 0.01) -> list[str]:
    """The issue's targets on the medians, one line each that names its measured limit:
    TBT no more than stock's, KiB no more than stock's + slack, CLS at most cls_limit."""
    lines = []
    for (kind, form), (reference, found) in results.items():
        tbt, stock_tbt = found["TBT"]["ours"][0], found["TBT"]["stock"][0]
        kib, stock_kib = found["KiB"]["ours"][0], found["KiB"]["stock"][0]
        cls = found["CLS"]["ours"][0]
        checks = [("TBT", tbt <= stock_tbt, f"{tbt:.0f} ms vs stock {reference} {stock_tbt:.0f} ms"),
                  ("CLS", cls <= cls_limit, f"{cls:.3f} (limit {cls_limit})")]
        if reference == kind:   # bytes are compared like for like only
            checks.insert(1, ("KiB", kib <= stock_kib + slack_kib,
                              f"{kib:.1f} vs stock {stock_kib:.1f} + {slack_kib:.0f}"))
        lines.append(f"{kind} {form}: " + "; ".join(f"{name} {'met' if ok else 'MISSED'} ({text})"
                                                     for name, ok, text in checks))
    return lines


def busy(load: float, cores: int, limit: float = 0.5) -> bool:
    """Whether a 1-minute load average is high for the cores (more than `limit` per core)."""
    return load > limit * max(cores, 1)


def busy_share(before: str, after: str) -> float:
    """The share of the machine's CPU time that went to work (or, on a virtual
    machine, to its neighbours: "steal") between two readings of /proc/stat's
    first line ("cpu  user nice system idle iowait irq softirq steal ...")."""
    def times(line: str) -> tuple[int, int]:
        fields = [int(x) for x in line.split()[1:9]]
        idle = fields[3] + fields[4]   # idle and iowait
        return sum(fields) - idle, sum(fields)
    (busy0, total0), (busy1, total1) = times(before), times(after)
    return (busy1 - busy0) / max(total1 - total0, 1)
