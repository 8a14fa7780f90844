# cube_pandas.py - the pandas baseline of bench/cube.sh (Debian python3-pandas, /usr/bin/python3).
# Reads the columnar arrays of bench/gen_facts.c (not timed), then times REPS runs of the facts
# merged with memberships and enterprises and grouped by (industry, district, period, indicator)
# with SUM and COUNT. Writes the groups to OUT.csv; prints "key value" lines.
# usage: /usr/bin/python3 bench/cube_pandas.py DIR OUT.csv REPS
import sys
import time

import numpy as np
import pandas as pd

d, out, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
n_ent = int(open(f"{d}/meta.txt").read().split()[0])
off = np.fromfile(f"{d}/mem_off.u32", np.uint32)
facts = pd.DataFrame({
    "ent": np.fromfile(f"{d}/fact_ent.u32", np.uint32),
    "period": np.fromfile(f"{d}/fact_period.u16", np.uint16),
    "indicator": np.fromfile(f"{d}/fact_indicator.u8", np.uint8),
    "value": np.fromfile(f"{d}/fact_value.f64", np.float64),
})
ents = pd.DataFrame({"ent": np.arange(n_ent, dtype=np.uint32),
                     "district": np.fromfile(f"{d}/ent_district.u16", np.uint16)})
mems = pd.DataFrame({"ent": np.repeat(np.arange(n_ent, dtype=np.uint32), np.diff(off)),
                     "industry": np.fromfile(f"{d}/mem_ind.u16", np.uint16)})

best = float("inf")
for _ in range(reps):
    t0 = time.perf_counter()
    j = facts.merge(mems, on="ent").merge(ents, on="ent")
    g = j.groupby(["industry", "district", "period", "indicator"], sort=False)["value"].agg(["sum", "count"])
    best = min(best, time.perf_counter() - t0)
    del j
g.to_csv(out, header=False, float_format="%.17g")
print(f"pandas_version {pd.__version__}")
print(f"pandas_join_groupby_s {best:.4f}")
print(f"pandas_groups {len(g)}")
