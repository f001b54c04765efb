#!/usr/bin/env bash
# Captures the real `knot treat` full-screen session under tmux and renders it to
# docs/treat-session.png (needs tmux, chromium and `pip install ansi2html`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
knot="$root/target/debug/knot --db sqlite:$work/k.db"
tmux kill-session -t knot-shot 2>/dev/null || true
tmux new-session -d -s knot-shot -x 100 -y 24 "$knot treat upper trapezius --side right; sleep 30"
keys() { tmux send-keys -t knot-shot "$@"; }
sleep 2; keys Enter; sleep 0.5; keys 6 Enter; sleep 0.5; keys Enter; sleep 0.5; keys Enter
sleep 9; keys 8 Enter; sleep 1.5
tmux capture-pane -t knot-shot -e -p > "$work/tui.ansi"
tmux kill-session -t knot-shot
python3 - "$work" <<'PY'
import sys
from ansi2html import Ansi2HTMLConverter
work = sys.argv[1]
html = Ansi2HTMLConverter(dark_bg=True, line_wrap=False, font_size="15px").convert(open(f"{work}/tui.ansi").read())
html = html.replace("</style>", 'body{margin:0;padding:12px;background:#000} pre{font-family:"DejaVu Sans Mono",monospace;line-height:1.0;margin:0}</style>')
open(f"{work}/tui.html", "w").write(html)
PY
chromium --headless --no-sandbox --disable-background-networking --disable-gpu --hide-scrollbars \
  --window-size=930,400 --screenshot="$root/docs/treat-session.png" "file://$work/tui.html"
