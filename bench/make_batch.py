#!/usr/bin/env python3
"""Writes N pseudo-random pain drawings (JSON lines, the body of POST /api/v1/find) for timing
`knot find --batch`. Deterministic for a given seed.

Usage: make_batch.py [--words] N [SEED] > file

With --words each drawing names its places in words ("back of the left knee", from the region
names) instead of region ids, so the lexicon is timed too."""
import json, random, subprocess, sys

args = [a for a in sys.argv[1:] if a != "--words"]
words = "--words" in sys.argv[1:]
n = int(args[0]) if len(args) > 0 else 10000
rng = random.Random(int(args[1]) if len(args) > 1 else 7)
listed = json.loads(subprocess.run(
    ["target/release/knot", "regions", "--json"], capture_output=True, text=True, check=True).stdout)
regions = [r["id"] for r in listed]
names = [r["name"] for r in listed]
for _ in range(n):
    k = rng.randint(1, 6)
    if words:
        print(json.dumps({"terms": rng.sample(names, k)}))
    else:
        marks = [{"id": rid, "intensity": rng.randint(2, 9)} for rid in rng.sample(regions, k)]
        print(json.dumps({"regions": marks}))
