-- wrk script for bench/pg_soak.sh: each connection waits KNOT_DELAY_MS between its requests, so
-- C connections offer about C * 1000 / KNOT_DELAY_MS requests per second (wrk2 is not in Debian).
local delay_ms = tonumber(os.getenv("KNOT_DELAY_MS") or "10")
function delay()
  return delay_ms
end
