#!/usr/bin/env python3
"""Writes N pseudo-random pain drawings (JSON lines, the body of POST /api/v1/find) for timing
`knot find --batch`. Deterministic for a given seed. Usage: make_batch.py N [SEED] > file"""
import json, random, subprocess, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
regions = [r["id"] for r in json.loads(subprocess.run(
    ["target/release/knot", "regions", "--json"], capture_output=True, text=True, check=True).stdout)]
for _ in range(n):
    k = rng.randint(1, 6)
    marks = [{"id": rid, "intensity": rng.randint(2, 9)} for rid in rng.sample(regions, k)]
    print(json.dumps({"regions": marks}))
