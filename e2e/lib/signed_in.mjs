// Helpers for the signed-in pages in a real browser: an account made through the sign-up form,
import { createHmac } from 'node:crypto';
// the session's CSRF token, and a made-up diary written through the JSON API with the page's
// own cookie (so screenshots and tests have something to show).

/** Signs up through the form; the page is left on the Screen page, signed in. */
export async function signUp(page, email, name = 'Sam') {
  await page.goto(new URL('/signup', page.url()).href);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Name to show').fill(name);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByLabel('Password again').fill('correct horse battery');
  await Promise.all([
    page.waitForURL(/\/screen$/),
    page.getByRole('button', { name: 'Create account' }).click(),
  ]);
}

/** Signs in through the form; the page is left where sign-in leads (`next`, else the Diary). */
export async function signIn(page, email, next = '/diary') {
  await page.goto(new URL(`/signin?next=${encodeURIComponent(next)}`, page.url()).href);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await Promise.all([
    page.waitForURL((url) => url.pathname === next),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

/** The signed-in session's CSRF token. */
export async function csrfToken(page) {
  const reply = await page.request.get(new URL('/api/v1/account/me', page.url()).href);
  if (!reply.ok()) throw new Error(`not signed in: ${reply.status()}`);
  return (await reply.json()).csrf_token;
}

async function send(page, csrf, path, body) {
  const reply = await page.request.post(new URL(path, page.url()).href, {
    headers: { 'X-CSRF-Token': csrf },
    data: body,
  });
  if (!reply.ok()) throw new Error(`${path}: ${reply.status()} ${await reply.text()}`);
  return reply.json();
}

/** Answers that clear treatment: "no" to every question, 40 to age, no places. */
export async function clearAnswers(page) {
  const reply = await page.request.get(new URL('/api/v1/screening/questions', page.url()).href);
  const { questions } = await reply.json();
  const answers = {};
  for (const q of questions.filter((q) => q.group !== 'widespread')) {
    answers[q.id] = q.kind === 'yes-no' ? 'no' : q.kind === 'number' ? '40' : 'none';
  }
  return answers;
}

/** A screening that clears treatment (`clearAnswers`), with pain at the temple and neck. */
export async function screenClear(page, csrf) {
  const answers = await clearAnswers(page);
  return send(page, csrf, '/api/v1/screening', { answers, pain_regions: 'right temple, neck' });
}

/** A small deterministic random number generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Writes `weeks` weeks of a person with right-sided neck pain and headaches who gets better:
 * pain twice a day, weekly pressure threshold, neck rotation and an activity score, and a
 * guided session on most days.
 */
export async function seedDiary(page, csrf, weeks = 8) {
  const next = random(7);
  const end = Date.now() - 60 * 60 * 1000;
  const days = weeks * 7;
  const regions = ['right-temple', 'right-side-of-neck', 'right-upper-back'];
  for (let d = days - 1; d >= 0; d -= 1) {
    const progress = 1 - d / days;
    const base = 7 - 4 * progress;
    for (const hour of [8, 20]) {
      const at = new Date(end - d * DAY - (20 - hour) * 60 * 60 * 1000);
      const score = Math.max(0, Math.min(10, Math.round(base + (next() - 0.5) * 2.4)));
      const region = next() < 0.5 ? null : regions[Math.floor(next() * regions.length)];
      await send(page, csrf, '/api/v1/diary', {
        measure: { kind: 'pain', score, region },
        recorded_at: at.toISOString(),
      });
    }
    const noon = new Date(end - d * DAY - 8 * 60 * 60 * 1000);
    if (d % 7 === 0) {
      await weekly(page, csrf, noon, progress, next);
    }
    if (next() < 0.75) {
      await session(page, csrf, noon, base, next);
    }
  }
}

async function weekly(page, csrf, at, progress, next) {
  const recorded_at = at.toISOString();
  const measures = [
    { kind: 'threshold', trigger_point: 'upper-trapezius-1', side: 'right',
      kg_per_cm2: Math.round((2.2 + 1.4 * progress + next() * 0.3) * 100) / 100 },
    { kind: 'range_of_motion', movement: 'cervical-rotation-left',
      degrees: Math.round(52 + 20 * progress + next() * 4) },
    { kind: 'function', activity: 'turning my head to reverse the car',
      score: Math.round(3 + 5 * progress) },
  ];
  for (const measure of measures) {
    await send(page, csrf, '/api/v1/diary', { measure, recorded_at });
  }
}

async function session(page, csrf, at, pain, next) {
  const before = Math.max(0, Math.min(10, Math.round(pain + next())));
  const after = Math.max(0, before - Math.round(1 + next() * 2));
  const started = new Date(at.getTime());
  const holds = [0, 1].map(() => ({
    seconds: 60 + Math.round(next() * 30), discomfort: [6, 5], softened: next() < 0.7, skipped: false,
  }));
  await send(page, csrf, '/api/v1/sessions', {
    started_at: started.toISOString(),
    ended_at: new Date(started.getTime() + 8 * 60 * 1000).toISOString(),
    muscle_id: 'upper-trapezius', trigger_point_id: 'upper-trapezius-1', side: 'right',
    technique: 'sustained-compression', tool: 'thumb', target_discomfort: 6,
    pain_before: before, pain_after: after, holds, stretch_done: true,
    outcome: 'completed', stop_reason: null, plan_id: null,
  });
}

/** Decodes RFC 4648 base32 (no padding, any case, spaces ignored). */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 secret at `seconds` since 1970. */
export function totp(secret, seconds = Date.now() / 1000) {
  const step = Math.floor(seconds / 30);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, '0');
}

/**
 * Turns on two-factor sign-in from the account page, as a person with an authenticator app
 * would; returns the secret. The code that turned it on is spent, so the next sign-in uses the
 * next step's code (`totp(secret, now + 30)`, accepted as clock drift).
 */
export async function enrolTwoFactor(page) {
  await page.goto(new URL('/account/two-factor', page.url()).href);
  const secret = (await page.locator('#totp-secret').textContent()).replace(/\s/g, '');
  await page.getByLabel('Code from your app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByText('Save these recovery codes').waitFor();
  return secret;
}
