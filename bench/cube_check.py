# cube_check.py - bench/cube.sh's check: every baseline's groups equal the cube's cells.
# Each file has lines industry,district,period,indicator,sum,count; the first is the cube's.
# Sums may differ by float summation order (relative 1e-9); counts and the set of groups must be
# equal. Exits 1 naming the first differences. usage: python3 bench/cube_check.py CUBE.csv NAME=FILE...
import sys


def load(path):
    out = {}
    for line in open(path):
        f = line.strip().split(",")
        if len(f) != 6:
            continue
        out[tuple(int(x) for x in f[:4])] = (float(f[4]), int(f[5]))
    return out


cube = load(sys.argv[1])
bad = 0
for arg in sys.argv[2:]:
    name, path = arg.split("=", 1)
    base = load(path)
    diffs = []
    for k in sorted(set(cube) | set(base)):
        a, b = cube.get(k), base.get(k)
        if a is None or b is None:
            diffs.append(f"group {k}: cube {a}, {name} {b}")
        elif a[1] != b[1] or abs(a[0] - b[0]) > 1e-9 * max(1.0, abs(a[0])):
            diffs.append(f"group {k}: cube sum {a[0]!r} count {a[1]}, {name} sum {b[0]!r} count {b[1]}")
    if diffs:
        bad = 1
        print(f"CHECK FAILED: {name} differs from the cube in {len(diffs)} of {len(cube)} groups:")
        for x in diffs[:10]:
            print("  " + x)
    else:
        print(f"check: {name} equals the cube in all {len(cube)} groups (sums within 1e-9, counts exact)")
sys.exit(bad)
