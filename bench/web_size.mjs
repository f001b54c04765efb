// Measures what the Find page costs a browser: every request made while loading it (page,
// script, icon …) with its uncompressed size, and which requests block the first render
// (stylesheets and classic scripts in <head> without defer/async; module scripts are deferred).
// Usage: KNOT_URL=http://127.0.0.1:PORT node bench/web_size.mjs   (bench/web_size.sh does it all)

import { BASE_URL, launch } from '../e2e/lib/browser.mjs';

const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
const responses = [];
page.on('response', (response) => responses.push(response));
await page.goto(new URL('/', BASE_URL).href, { waitUntil: 'networkidle' });

const rows = [];
for (const response of responses) {
  const body = await response.body().catch(() => Buffer.alloc(0));
  rows.push({ url: new URL(response.url()).pathname, type: response.request().resourceType(), bytes: body.length });
}
const blocking = await page.evaluate(() => [
  ...document.querySelectorAll('head link[rel~="stylesheet"]'),
  ...[...document.querySelectorAll('head script[src]')]
    .filter((s) => s.type !== 'module' && !s.defer && !s.async),
].map((el) => el.getAttribute('href') || el.getAttribute('src')));
await browser.close();

const total = rows.reduce((sum, r) => sum + r.bytes, 0);
for (const r of rows) console.log(`${String(r.bytes).padStart(8)}  ${r.type.padEnd(10)} ${r.url}`);
console.log(`${String(total).padStart(8)}  total (${(total / 1024).toFixed(1)} KiB, uncompressed) in ${rows.length} requests`);
console.log(`render-blocking requests beyond the page: ${blocking.length ? blocking.join(', ') : 'none'}`);
