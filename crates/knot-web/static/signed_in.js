// Knot's signed-in pages. Two small jobs, no dependencies:
// 1. Tell the server the browser's offset from UTC (a cookie), so diary times and progress days
//    are read in the person's own time zone.
// 2. On the Treat page, run the countdown of a warm-up or a hold: show the seconds going down,
//    and every few seconds report the time passed to the server, which runs the session and
//    never counts more time than really passed. When the step changes (time up, a discomfort
//    reading is due) the step panel is replaced with the server's.

const minutesEast = -new Date().getTimezoneOffset();
document.cookie = `knot_tz=${minutesEast}; path=/; max-age=31536000; samesite=lax`;

const REPORT_EVERY_SECONDS = 5;

function formatLeft(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} left`;
}

function runClock(panel) {
  if (!panel || panel.dataset.secondsLeft === undefined) return;
  const startedLeft = Number(panel.dataset.secondsLeft);
  const shownFrom = performance.now();
  let reportedUntil = shownFrom;
  let busy = false;
  const countdown = panel.querySelector("#countdown");

  const timer = setInterval(async () => {
    if (!panel.isConnected) { clearInterval(timer); return; }
    const now = performance.now();
    const left = startedLeft - (now - shownFrom) / 1000;
    if (countdown) countdown.textContent = formatLeft(left);
    const unreported = Math.floor((now - reportedUntil) / 1000);
    if (busy || (unreported < REPORT_EVERY_SECONDS && left > 0)) return;
    busy = true;
    try {
      const reply = await report(panel.dataset.csrf, unreported);
      reportedUntil += unreported * 1000;
      if (!reply) { clearInterval(timer); location.reload(); return; }
      if (reply.key !== panel.dataset.key) {
        clearInterval(timer);
        swap(panel, reply.html);
      }
    } catch (_) {
      // The network is down: keep counting; the server counts real time anyway.
    } finally {
      busy = false;
    }
  }, 1000);
}

async function report(csrf, elapsed) {
  const body = new URLSearchParams({ csrf, elapsed: String(elapsed) });
  const response = await fetch("/treat/tick", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
    credentials: "same-origin",
  });
  if (!response.ok) return null;
  return response.json();
}

function swap(panel, html) {
  const hadFocus = panel.contains(document.activeElement);
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const fresh = holder.firstElementChild;
  if (!fresh) { location.reload(); return; }
  panel.replaceWith(fresh);
  if (navigator.vibrate) navigator.vibrate(150);
  if (hadFocus) fresh.querySelector("#step-title")?.focus();
  runClock(fresh);
}

runClock(document.getElementById("treat-step"));
