#!/usr/bin/env bash
# The layers stay as docs/architecture.md draws them: the pure crates build without a database,
# an async runtime or a web framework, and no front end calls the store for health data itself.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
for crate in knot-body knot-atlas knot-finder knot-care knot-progress knot-record knot-fhir knot-report-pdf; do
  found=$(cargo tree -e normal -p "$crate" --prefix none | grep -E '^(sqlx|tokio|axum|hyper)[ -]' | sort -u || true)
  if [ -n "$found" ]; then
    echo "check-layers: $crate pulls in $(echo "$found" | tr '\n' ' ')— it must stay pure" >&2
    status=1
  fi
done

# A TenantCtx or ClinicCtx is minted by knot-app's access check and by the store backends only.
literal=$(grep -rn --include='*.rs' -E '(TenantCtx|ClinicCtx) \{' crates \
  | grep -v -E '^crates/(knot-record|knot-app|knot-store)/' | grep -v -E -e '-> (TenantCtx|ClinicCtx) \{' || true)
if [ -n "$literal" ]; then
  echo "check-layers: a TenantCtx or ClinicCtx literal outside knot-record, knot-app and knot-store:" >&2
  echo "$literal" >&2
  status=1
fi
exit $status
