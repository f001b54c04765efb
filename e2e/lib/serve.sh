# Sourced by e2e/run.sh and e2e/schemathesis.sh: starts `$knot serve` on a free loopback port
# with a throw-away database, waits until it answers, and stops it (and removes the database)
# when the script exits. Sets `workdir`, `url` and `server_pid`; `$1` names the caller in
# messages.

serve_tag="$1"
workdir="$(mktemp -d)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap stop_server EXIT

# A free port, chosen by the kernel.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$knot" --db "sqlite:$workdir/knot.db" serve --addr "127.0.0.1:$port" --trusted-proxy 127.0.0.1 \
  >"$workdir/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if curl -fsS -o /dev/null "$url/api/v1/regions" 2>/dev/null; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "$serve_tag: knot serve exited early:" >&2
    cat "$workdir/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
