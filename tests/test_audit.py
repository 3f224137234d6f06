"""The pure half of `make audit` (scripts/measure/audit_table.py): medians,
spreads, ratios pair by pair, the table and the targets, from made-up
figures. No browser, no clock."""
from __future__ import annotations

import pytest

from scripts.measure import audit, audit_table as t


def run(perf=100, tbt=10.0, lcp=1000.0, cls=0.0, kib=80.0, requests=10, failed=()):
    return {"performance": perf, "accessibility": 100, "best-practices": 100, "seo": 100, "FCP": 800.0,
            "TBT": tbt, "LCP": lcp, "CLS": cls, "KiB": kib, "requests": requests, "failed": list(failed)}


def test_figures_reads_a_lighthouse_report():
    audits = {"first-contentful-paint": {"numericValue": 900}, "largest-contentful-paint": {"numericValue": 1200},
              "total-blocking-time": {"numericValue": 30}, "cumulative-layout-shift": {"numericValue": 0.033},
              "network-requests": {"details": {"items": [{}] * 12}}, "total-byte-weight": {"numericValue": 2048},
              "render-blocking-resources": {"scoreDisplayMode": "metricSavings", "score": 0.5},
              "manual-thing": {"scoreDisplayMode": "manual", "score": 0}}
    report = {"audits": audits, "categories": {c: {"score": 0.99} for c in t.CATEGORIES}}
    found = t.figures(report)
    assert found["performance"] == 99 and found["TBT"] == 30 and found["CLS"] == 0.033
    assert found["requests"] == 12 and found["KiB"] == 2.0
    assert found["failed"] == ["render-blocking-resources"]


def test_summary_gives_median_and_spread_of_each_side_and_of_the_ratio_pair_by_pair():
    pairs = [(run(tbt=60), run(tbt=20)), (run(tbt=90), run(tbt=60)), (run(tbt=30), run(tbt=30))]
    found = t.summary(pairs)
    assert found["TBT"]["ours"] == (60, 30, 90)
    assert found["TBT"]["stock"] == (30, 20, 60)
    # 3.0, 1.5, 1.0: the ratio of each pair, not the ratio of the medians (2.0)
    assert found["TBT"]["ratio"] == (1.5, 1.0, 3.0)
    assert found["TBT"]["undefined"] == 0


def test_a_ratio_over_zero():
    assert t.ratio(0, 0) == 1.0
    assert t.ratio(5, 0) is None
    found = t.summary([(run(cls=0.02), run(cls=0.0)), (run(cls=0.0), run(cls=0.0))])
    assert found["CLS"]["ratio"] == (1.0, 1.0, 1.0) and found["CLS"]["undefined"] == 1
    found = t.summary([(run(cls=0.02), run(cls=0.0))])
    assert found["CLS"]["ratio"] is None
    # compared as shown (0.000): a trace of a shift is no shift, not a 19,000x ratio
    assert t.summary([(run(cls=0.033), run(cls=0.0000017))])["CLS"]["ratio"] is None
    assert t.summary([(run(cls=0.00001), run(cls=0.0003))])["CLS"]["ratio"] == (1.0, 1.0, 1.0)
    assert "n/a [1 run(s) stock 0]" in "".join(t.rows("home", "mobile", "home", found))


def test_the_table_has_ours_stock_and_the_ratio_for_each_page_kind_and_form():
    found = t.summary([(run(tbt=60, kib=86.0), run(tbt=20, kib=81.0)), (run(tbt=80, kib=86.0), run(tbt=40, kib=81.0))])
    lines = t.table({("article", "mobile"): ("article", found), ("quiz start", "desktop"): ("article", found)})
    assert lines[0].startswith("| page | form | site | perf | TBT ms |")
    assert len(lines) == 2 + 3 * 2
    ours, stock, ratio = lines[2:5]
    assert ours.startswith("| article | mobile | ours | 100 | 70 (60-80) |") and "86.0 |" in ours
    assert stock.startswith("|  |  | stock article | 100 | 30 (20-40) |")
    assert ratio.startswith("|  |  | ours/stock | 1.00x | 2.50x (2.00x-3.00x) |")


def test_targets_name_the_measured_limit_and_compare_bytes_only_like_for_like():
    found = t.summary([(run(tbt=60, kib=86.0, cls=0.033), run(tbt=20, kib=81.0))])
    article, quiz = t.targets({("article", "mobile"): ("article", found), ("quiz start", "desktop"): ("article", found)})
    assert "TBT MISSED (60 ms vs stock article 20 ms)" in article
    assert "KiB MISSED (86.0 vs stock 81.0 + 2)" in article and "CLS MISSED (0.033" in article
    assert "KiB" not in quiz
    fine = t.summary([(run(tbt=10, kib=82.5), run(tbt=20, kib=81.0))])
    assert "MISSED" not in t.targets({("home", "mobile"): ("home", fine)})[0]


def test_busy_means_more_than_half_a_core_of_load_per_core():
    assert not t.busy(0.9, 2) and t.busy(1.1, 2) and t.busy(0.6, 1)


def test_busy_share_is_the_cpu_time_not_spent_idle_between_two_readings():
    before = "cpu  100 0 100 800 0 0 0 0 0 0"
    # 100 jiffies later: 10 user, 5 system, 5 steal (a neighbour), 80 idle or waiting on disk
    after = "cpu  110 0 105 870 10 0 0 5 0 0"
    assert t.busy_share(before, after) == pytest.approx(0.20)
    assert t.busy_share(before, before) == 0


def test_runs_are_bounded():
    with pytest.raises(SystemExit):
        audit.main(["--runs", str(audit.MAX_RUNS + 1)])
    with pytest.raises(SystemExit):
        audit.main(["--kinds", "nothing"])
