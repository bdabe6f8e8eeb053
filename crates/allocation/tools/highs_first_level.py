#!/usr/bin/env python3
"""Times HiGHS on the first level of a round, as one LP, for side-by-side figures.

Usage:
    cargo run -p allocation --release --example generate -- 200 2000 7 > round.json
    python3 crates/allocation/tools/highs_first_level.py round.json

Needs the `highspy` package (pip install highspy), installed by hand: not used by CI.

The LP: variables x_ij >= 0 for every eligible (lot, recipient) pair and the level t;
maximise t subject to supply per lot, the cap u_j per recipient, the expiry chain
(sum of x_ij with expiry <= t_k <= floor(a_j (t_k - s_j + 1))) per recipient and
distinct eligible expiry, and 100 (d_j + x_j) / (N_j w_j) >= t for every recipient that
can receive anything. When a cap binds below the first level this is tighter than the
true first level; as a timing of one LP of the same size and structure it is fair.
"""

import datetime
import json
import math
import sys
import time

import highspy
import numpy as np


def day(text):
    return datetime.date.fromisoformat(text).toordinal()


def main(path):
    p = json.load(open(path))
    date = day(p["date"])
    recipients = p["recipients"]
    lots = [l for l in p["lots"] if day(l["expiry"]) >= date]
    index = {r["id"]: j for j, r in enumerate(recipients)}
    pairs = []  # (lot, recipient)
    for i, lot in enumerate(lots):
        e = day(lot["expiry"])
        allowed = lot.get("recipients")
        candidates = [index[x] for x in allowed] if allowed is not None else range(len(recipients))
        for j in sorted(set(candidates)):
            r = recipients[j]
            s = day(r["start"]) if r.get("start") else date
            products = r.get("products")
            if products is not None and lot["product"] not in products:
                continue
            if e >= s and e - s >= r.get("min_shelf_days", 0):
                pairs.append((i, j))
    n_pairs = len(pairs)
    t_col = n_pairs
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    costs = np.zeros(n_pairs + 1)
    costs[t_col] = -1.0  # maximise t
    lower = np.zeros(n_pairs + 1)
    upper = np.full(n_pairs + 1, inf)
    h.addVars(n_pairs + 1, lower, upper)
    h.changeColsCost(n_pairs + 1, np.arange(n_pairs + 1, dtype=np.int32), costs)
    by_lot = {}
    by_recipient = {}
    for k, (i, j) in enumerate(pairs):
        by_lot.setdefault(i, []).append(k)
        by_recipient.setdefault(j, []).append(k)
    for i, ks in by_lot.items():
        h.addRow(-inf, lots[i]["doses"], len(ks), np.array(ks, dtype=np.int32), np.ones(len(ks)))
    default_target = p.get("target_per_100")
    for j, ks in by_recipient.items():
        r = recipients[j]
        n, d = r["population"], r.get("doses_received", 0)
        cap = inf
        target = r.get("target_per_100", default_target)
        if target is not None:
            cap = max(0, math.floor(target * n / 100 - d))
        if r.get("max_doses") is not None:
            cap = min(cap, r["max_doses"])
        h.addRow(-inf, cap, len(ks), np.array(ks, dtype=np.int32), np.ones(len(ks)))
        a = r.get("absorption_per_day")
        if a is not None:
            s = day(r["start"]) if r.get("start") else date
            expiries = sorted({day(lots[pairs[k][0]]["expiry"]) for k in ks})
            for t in expiries:
                prefix = [k for k in ks if day(lots[pairs[k][0]]["expiry"]) <= t]
                h.addRow(-inf, math.floor(a * (t - s + 1)), len(prefix),
                         np.array(prefix, dtype=np.int32), np.ones(len(prefix)))
        # 100 (d + x) / (N w) >= t  <=>  x - (N w / 100) t >= -d
        w = r.get("weight", 1.0)
        cols = np.array(ks + [t_col], dtype=np.int32)
        vals = np.array([1.0] * len(ks) + [-n * w / 100.0])
        h.addRow(-d, inf, len(cols), cols, vals)
    started = time.perf_counter()
    h.run()
    elapsed = time.perf_counter() - started
    info = h.getInfo()
    print(f"HiGHS first level: {len(recipients)} recipients x {len(p['lots'])} lots, "
          f"{n_pairs} pair variables, {h.getNumRow()} rows: "
          f"{elapsed * 1e3:.1f} ms, status {h.modelStatusToString(h.getModelStatus())}, "
          f"level {info.objective_function_value * -1:.6f}")


if __name__ == "__main__":
    main(sys.argv[1])
