-- wrk script: POST /api/v1/find with one fixed drawing (three regions with intensities).
-- Usage: wrk -t2 -c32 -d20s --latency -s bench/find_post.lua http://127.0.0.1:PORT/api/v1/find
-- KNOT_BODY posts another JSON body, e.g. words: KNOT_BODY='{"terms": ["right temple"]}'.
-- wrk prints "Non-2xx or 3xx responses" if any request was refused.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("KNOT_BODY") or [[{"regions": [
  {"id": "right-temple", "intensity": 6},
  {"id": "right-side-of-neck", "intensity": 6},
  {"id": "right-back-of-neck", "intensity": 6}]}]]
