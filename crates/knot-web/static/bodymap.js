// Knot body map: marking pain on the chart, the marked list, live results, referral patterns.
//
// The page works without this script (the words box and a plain form POST). With it:
// - the chart is one tab stop; arrow keys move between places;
// - a tap, click, Enter or Space on a region marks it; each further one raises the level
//   (mild, moderate, strong) and then clears it; a long press, Delete, or × in the list clears it;
// - the hidden `region` inputs and the visible marked list follow the chart;
// - the form is posted in the background (header X-Knot-Fragment: 1) and the results panel is
//   swapped in place; answering a question does the same;
// - selecting a candidate draws its referral pattern over the chart.
// No dependencies; an ES module, so it loads deferred and never blocks the first render.
//
// A form marked `data-bodymap="drawing"` (the clinic visit's pain drawing) gets the marking
// alone: it has no results panel, so nothing is posted in the background and its submit
// button saves the drawing with an ordinary post.

const SVG_NS = 'http://www.w3.org/2000/svg';
const LEVEL_WORDS = ['', 'mild', 'moderate', 'strong'];
const LONG_PRESS_MS = 550;
const LIVE_DELAY_MS = 300;
const ARROWS = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
};

const form = document.getElementById('find-form') || document.querySelector('form[data-bodymap="drawing"]');
if (form) new BodyMap(form);

function BodyMap(form) {
  const svg = form.querySelector('#chart svg');
  const results = form.querySelector('#results');
  // Live results only where there is a panel for them (the Find page).
  const live = results !== null;
  const list = form.querySelector('#marked-list');
  const inputs = form.querySelector('#region-inputs');
  const words = form.querySelector('#where');
  const status = form.querySelector('#status');
  const clearAll = form.querySelector('#clear-all');
  const empty = form.querySelector('#marked-empty');
  const caption = form.querySelector('#chart-caption');
  const regions = new Map();
  for (const el of svg.querySelectorAll('.region[data-region]')) {
    el.dataset.name = el.getAttribute('aria-label') || el.dataset.region;
    regions.set(el.dataset.region, el);
  }
  const marks = new Map(); // region id -> level 1-3, in the order marked
  for (const input of inputs.querySelectorAll('input[name="region"]')) {
    const [id, level] = input.value.split(':');
    if (regions.has(id)) marks.set(id, clampLevel(Number(level) || 1));
  }
  svg.setAttribute('aria-describedby', 'chart-hint');
  const referral = layer(svg, 'referral-layer');
  const focusRing = layer(svg, 'focus-layer');
  addPatterns(svg);
  const jump = live ? document.getElementById('results-jump') : null;
  let resultsInView = false;
  if (live) {
    new IntersectionObserver((entries) => {
      resultsInView = entries.some((entry) => entry.isIntersecting);
      updateJump();
    }).observe(results);
    jump.addEventListener('click', () => {
      setTimeout(() => focusResults(), 0);
    });
  }
  // Where focus goes when the control that had it disappears.
  const fallbackFocus = words || form.querySelector('button[type="submit"]');
  let liveTimer = 0;
  let requestSeq = 0;
  let pressTimer = 0;
  let swallowClick = false;

  // --- marking
  function setLevel(id, level, announceIt = true) {
    if (!regions.has(id)) return;
    if (level > 0) marks.set(id, level); else marks.delete(id);
    paint(id);
    syncList();
    if (announceIt) {
      const name = regions.get(id).dataset.name;
      announce(level > 0 ? `Marked ${name}: ${LEVEL_WORDS[level]}` : `Cleared ${name}`);
    }
    scheduleLive();
  }

  function bump(id) {
    const level = marks.get(id) || 0;
    setLevel(id, level >= 3 ? 0 : level + 1);
    describe(regions.get(id));
  }

  function paint(id) {
    const el = regions.get(id);
    const level = marks.get(id) || 0;
    el.classList.remove('level-1', 'level-2', 'level-3');
    if (level) el.classList.add(`level-${level}`);
    el.setAttribute('aria-pressed', level ? 'true' : 'false');
    el.setAttribute('aria-label', level ? `${el.dataset.name}, ${LEVEL_WORDS[level]}` : el.dataset.name);
  }

  // The name of the place under the pointer or focus, shown beneath the chart (for sighted
  // users; assistive technology reads each region's own label).
  function describe(el) {
    caption.textContent = el ? el.getAttribute('aria-label') : '';
  }

  function syncList() {
    list.replaceChildren();
    inputs.replaceChildren();
    for (const [id, level] of marks) {
      const name = regions.get(id).dataset.name;
      const li = el('li', { 'data-region': id });
      li.append(
        el('span', { class: `dot level-${level}`, 'aria-hidden': 'true' }),
        el('span', { class: 'marked-name' }, name),
        el('span', { class: 'marked-level' }, LEVEL_WORDS[level]),
        el('button', { type: 'button', class: 'clear-one', 'data-region': id, 'aria-label': `Clear ${name}` }, '×'),
      );
      list.append(li);
      inputs.append(el('input', { type: 'hidden', name: 'region', value: `${id}:${level}` }));
    }
    empty.hidden = marks.size > 0;
    clearAll.hidden = marks.size === 0;
  }

  svg.addEventListener('click', (event) => {
    const region = event.target.closest('.region[data-region]');
    if (!region) return;
    if (swallowClick) { swallowClick = false; return; }
    bump(region.dataset.region);
  });
  svg.addEventListener('keydown', (event) => {
    const region = event.target.closest('.region[data-region]');
    if (!region) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      bump(region.dataset.region);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      setLevel(region.dataset.region, 0);
    } else if (ARROWS[event.key]) {
      event.preventDefault();
      const next = nearest(region, ARROWS[event.key]);
      if (next) { rove(next); next.focus(); }
    }
  });
  // One tab stop for the whole chart (roving tabindex): Tab enters and leaves it, the arrow
  // keys move to the nearest place in that direction.
  let centres = null;
  function centre(el) {
    if (!centres) centres = new Map();
    if (!centres.has(el)) {
      const box = el.getBBox();
      centres.set(el, [box.x + box.width / 2, box.y + box.height / 2]);
    }
    return centres.get(el);
  }
  function visible(el) {
    return !el.closest('.view.is-hidden');
  }
  function nearest(from, [dx, dy]) {
    const [x0, y0] = centre(from);
    let best = null;
    let bestScore = Infinity;
    for (const el of regions.values()) {
      if (el === from || !visible(el)) continue;
      const [x, y] = centre(el);
      const along = (x - x0) * dx + (y - y0) * dy;
      if (along <= 0.5) continue;
      const across = Math.abs((x - x0) * dy - (y - y0) * dx);
      const score = along + 2.5 * across;
      if (score < bestScore) { bestScore = score; best = el; }
    }
    return best;
  }
  function rove(target) {
    for (const el of regions.values()) el.setAttribute('tabindex', el === target ? '0' : '-1');
  }
  function firstVisibleRegion() {
    for (const el of regions.values()) if (visible(el)) return el;
    return null;
  }
  svg.addEventListener('focusin', (event) => {
    const region = event.target.closest('.region[data-region]');
    if (region) { rove(region); describe(region); }
  });
  svg.addEventListener('pointerover', (event) => {
    const region = event.target.closest('.region[data-region]');
    if (region) describe(region);
  });
  svg.addEventListener('pointerleave', () => {
    describe(svg.contains(document.activeElement) ? document.activeElement : null);
  });
  rove([...regions.values()][0]);
  // Long press clears (touch and mouse); the click that ends it is swallowed.
  svg.addEventListener('pointerdown', (event) => {
    const region = event.target.closest('.region[data-region]');
    if (!region || !marks.has(region.dataset.region)) return;
    clearTimeout(pressTimer);
    pressTimer = setTimeout(() => {
      swallowClick = true;
      setLevel(region.dataset.region, 0);
    }, LONG_PRESS_MS);
  });
  for (const type of ['pointerup', 'pointerleave', 'pointercancel']) {
    svg.addEventListener(type, () => clearTimeout(pressTimer));
  }
  svg.addEventListener('contextmenu', (event) => {
    if (event.target.closest('.region')) event.preventDefault();
  });
  // A focus ring drawn on top, since neighbouring regions would hide the region's own outline.
  svg.addEventListener('focusin', (event) => {
    const region = event.target.closest('.region[data-region]');
    focusRing.replaceChildren();
    if (region && region.matches(':focus-visible')) focusRing.append(copyShape(region, 'focus-ring'));
  });
  svg.addEventListener('focusout', () => focusRing.replaceChildren());

  list.addEventListener('click', (event) => {
    const button = event.target.closest('.clear-one');
    if (!button) return;
    const next = button.closest('li').nextElementSibling || button.closest('li').previousElementSibling;
    setLevel(button.dataset.region, 0);
    const focusTarget = next && list.querySelector(`.clear-one[data-region="${next.dataset.region}"]`);
    (focusTarget || fallbackFocus).focus();
  });
  clearAll.addEventListener('click', () => {
    for (const id of [...marks.keys()]) { marks.delete(id); paint(id); }
    syncList();
    announce('Cleared every marked place');
    fallbackFocus.focus();
    scheduleLive();
  });

  // --- front / back on narrow screens
  const views = form.querySelector('.view-switch');
  const fullBox = svg.getAttribute('viewBox');
  function showView(which) {
    for (const button of views.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(button.dataset.view === which));
    }
    for (const group of svg.querySelectorAll('.view')) {
      group.classList.toggle('is-hidden', which !== 'both' && !group.classList.contains(`view-${which}`));
    }
    const current = svg.querySelector('.region[tabindex="0"]');
    if (!current || !visible(current)) rove(firstVisibleRegion());
    if (which === 'both') { svg.setAttribute('viewBox', fullBox); return; }
    const box = svg.querySelector(`.view-${which}`).getBBox();
    const pad = 12;
    svg.setAttribute('viewBox', `${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`);
  }
  views.hidden = false;
  views.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-view]');
    if (button) showView(button.dataset.view);
  });
  if (window.matchMedia('(max-width: 560px)').matches) showView('front');

  // --- results
  if (live) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(event.submitter, true);
    });
  }

  function scheduleLive() {
    if (!live) return;
    clearTimeout(liveTimer);
    liveTimer = setTimeout(() => submit(null, false), LIVE_DELAY_MS);
  }

  async function submit(submitter, moveFocus) {
    clearTimeout(liveTimer);
    const seq = ++requestSeq;
    const body = new URLSearchParams(new FormData(form, submitter || undefined));
    results.classList.add('is-loading');
    let html;
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'X-Knot-Fragment': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      });
      html = await response.text();
      if (!response.ok && response.status !== 422) throw new Error(String(response.status));
    } catch (error) {
      if (seq === requestSeq) {
        results.classList.remove('is-loading');
        announce('Could not reach Knot; check that it is still running and try again.');
      }
      return;
    }
    if (seq !== requestSeq) return; // a newer request is on its way
    results.classList.remove('is-loading');
    results.innerHTML = html;
    absorbWords();
    prepareCandidates();
    const first = results.querySelector('.candidate');
    if (first) showPattern(first); else hidePattern();
    const count = results.querySelectorAll('.candidate').length;
    const problem = results.querySelector('[role="alert"]');
    if (problem) announce(problem.textContent.trim());
    else if (first) announce(`${count} likely sources. First: ${first.dataset.title}`);
    if (moveFocus) focusResults();
    updateJump();
  }

  function focusResults() {
    const heading = results.querySelector('.results-title, h2');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }

  // The pill that points down to results that are out of sight (CSS shows it on one column).
  function updateJump() {
    const count = results.querySelectorAll('.candidate').length;
    jump.textContent = count ? `See ${count} likely sources ↓` : '';
    jump.hidden = count === 0 || resultsInView;
  }

  // Places named in words join the chart as marks, so the drawing lives in one place.
  function absorbWords() {
    const body = results.querySelector('.results-body');
    const ids = (body && body.dataset.fromWords || '').split(' ').filter((id) => regions.has(id));
    if (ids.length === 0) return;
    for (const id of ids) if (!marks.has(id)) { marks.set(id, 2); paint(id); }
    syncList();
    words.value = body.dataset.unmatched || '';
  }

  function prepareCandidates() {
    for (const button of results.querySelectorAll('.show-pattern')) button.hidden = false;
  }

  if (live) results.addEventListener('click', (event) => {
    if (event.target.closest('a, input, fieldset, .answered')) return;
    const candidate = event.target.closest('.candidate');
    if (!candidate) return;
    const selected = candidate.classList.contains('is-selected');
    if (selected && event.target.closest('.show-pattern')) hidePattern();
    else showPattern(candidate);
  });

  // --- referral pattern overlay
  function showPattern(candidate) {
    hidePattern();
    candidate.classList.add('is-selected');
    const button = candidate.querySelector('.show-pattern');
    if (button) { button.setAttribute('aria-pressed', 'true'); button.textContent = 'Pattern shown on the chart'; }
    const ids = (attr) => (candidate.dataset[attr] || '').split(' ').filter((id) => regions.has(id));
    for (const id of ids('spillover')) referral.append(copyShape(regions.get(id), 'ref-spillover'));
    for (const id of ids('essential')) referral.append(copyShape(regions.get(id), 'ref-essential'));
    const [x, y] = (candidate.dataset.anchor || '').split(' ').map(Number);
    if (Number.isFinite(x) && Number.isFinite(y)) referral.append(cross(x, y));
    svg.setAttribute('data-pattern', candidate.dataset.title || '');
  }

  function hidePattern() {
    referral.replaceChildren();
    svg.removeAttribute('data-pattern');
    for (const c of results.querySelectorAll('.candidate.is-selected')) c.classList.remove('is-selected');
    for (const b of results.querySelectorAll('.show-pattern')) {
      b.setAttribute('aria-pressed', 'false');
      b.textContent = 'Show its pattern on the chart';
    }
  }

  function announce(text) {
    status.textContent = '';
    // A fresh text node each time so screen readers read repeated messages.
    setTimeout(() => { status.textContent = text; }, 30);
  }

  // First paint: marks from a no-script POST, and the pattern of the first candidate.
  for (const id of marks.keys()) paint(id);
  syncList();
  if (!live) return;
  prepareCandidates();
  const first = results.querySelector('.candidate');
  if (first) showPattern(first);
}

function clampLevel(level) {
  return Math.min(3, Math.max(1, level));
}

function el(name, attrs, text) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svgEl(name, attrs) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function layer(svg, className) {
  const group = svgEl('g', { class: className, 'aria-hidden': 'true' });
  svg.append(group);
  return group;
}

// A copy of a region's outline, without its name, focusability or id.
function copyShape(region, className) {
  return svgEl('path', { d: region.getAttribute('d'), class: className });
}

function cross(x, y) {
  const r = 7;
  const d = `M${x - r} ${y - r}L${x + r} ${y + r}M${x - r} ${y + r}L${x + r} ${y - r}`;
  const group = svgEl('g', { class: 'ref-cross' });
  group.append(svgEl('path', { class: 'halo', d }), svgEl('path', { d }));
  return group;
}

function addPatterns(svg) {
  const defs = svgEl('defs', {});
  const hatch = (id, gap, width, background) => {
    const pattern = svgEl('pattern', {
      id, width: gap, height: gap, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)',
    });
    pattern.append(
      svgEl('rect', { width: gap, height: gap, fill: background }),
      svgEl('rect', { width, height: gap, fill: '#1e3a8a' }),
    );
    return pattern;
  };
  defs.append(
    hatch('knot-ref-essential', 6, 2.2, 'rgba(219, 227, 245, 0.25)'),
    hatch('knot-ref-spillover', 7, 1.5, 'rgba(238, 242, 250, 0.2)'),
  );
  svg.prepend(defs);
}
