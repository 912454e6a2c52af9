// The positions grid ("Who said what, and when", #grid=…) in the built reader
// (headless Chromium, file://): from a query, an entity card and a clause
// family; every quotation links to its paragraph and quotes it; keyboard
// navigation counted in key presses; filters in the fragment; "compare" opens
// the clause diff of two wordings; CSV export read back from the download;
// axe clean and no sideways scroll at 360 and 1280 px; one request, no errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseCsv, launch, open, ready, shot, ROOT, PAGE_URL } from './helpers.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const DOCENT = join(ROOT, 'target/release/docent');

let browser;
before(async () => {
  browser = await launch();
  // The test hook (window.__docent) so a test can ask the engine itself.
  await browser.context.addInitScript(() => { globalThis.__docentTest = true; });
});
after(async () => { await browser.close(); });

async function openGrid(hash, options) {
  const { page, requests, errors } = await open(browser.context, hash, options);
  await ready(page);
  await page.waitForSelector('.grid[data-complete="yes"], .grid-view .empty');
  return { page, requests, errors };
}

async function audit(page) {
  await page.evaluate(AXE); // through DevTools: the page's CSP does not apply
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length}× ${v.nodes[0].target.join(' ')} — ${v.help}`);
  });
}

function cli(...args) {
  return JSON.parse(execFileSync(DOCENT, [...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 }));
}

/** Every quotation in the grid: its link and whether the paragraph holds its words. */
function checkLinks(page) {
  return page.evaluate(() => {
    const docs = new Map();
    return [...document.querySelectorAll('.grid-quote')].map((a) => {
      const m = /^#doc=([^&]+)&p=(\d+)/.exec(a.getAttribute('href'));
      if (!m) return { href: a.getAttribute('href'), ok: false };
      const doc = decodeURIComponent(m[1]);
      if (!docs.has(doc)) docs.set(doc, window.__docent.engine().document(doc));
      const para = docs.get(doc).paragraphs[Number(m[2])];
      const quoted = [...a.childNodes].slice(1).map((n) => n.textContent).join('');
      const pieces = quoted.split('…').map((s) => s.trim()).filter((s) => s.length > 3);
      const ok = !!para && a.dataset.doc === doc && a.dataset.p === m[2] && pieces.every((s) => para.text.includes(s));
      return { href: a.getAttribute('href'), ok };
    });
  });
}

test('the grid from a query (Habomai): rows by side, every passage once, each linked to its paragraph', async () => {
  const { page, requests, errors } = await openGrid('#grid=query%3AHabomai');
  assert.equal(await page.evaluate(() => document.body.dataset.view), 'grid');
  const want = cli('positions', '--json', 'Habomai');
  const rows = await page.$$eval('.grid .grid-row', (rs) => rs.map((r) => [r.dataset.speaker, r.dataset.side, r.querySelectorAll('.grid-quote').length]));
  assert.deepEqual(rows, want.rows.map((r) => [r.speaker, r.side, r.cells.length]), 'one row per speaker, in the engine order');
  assert.equal(await page.$$eval('.grid-quote', (q) => q.length), want.total, 'nothing that matches is dropped');
  assert.match(await page.$eval('.grid-count', (e) => e.textContent), new RegExp(`^${want.total} passages`));
  assert.equal(await page.$eval('.grid-count', (e) => e.getAttribute('aria-live')), 'polite');
  // Sides grouped, columns in date order with undated last.
  assert.deepEqual(await page.$$eval('.grid .grid-group', (bs) => bs.map((b) => b.dataset.side)), ['soviet', 'japanese', 'other', 'unknown']);
  const cols = await page.$$eval('.grid .grid-head .grid-col .gc-date', (ts) => ts.map((t) => t.textContent));
  const dated = cols.filter((c) => c !== 'undated');
  assert.deepEqual(dated, [...dated].sort());
  assert.equal(cols[cols.length - 1], 'undated');
  // Matches marked, reported speech marked, first and last statements marked.
  const marks = await page.$$eval('.grid-quote mark', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.length >= want.total, `${marks.length} marks`);
  // (the engine marks "H[abomai]" in two pieces, Habomaï, Habomais, "Habomai Islands")
  const fold = (m) => m.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  assert.deepEqual(marks.filter((m) => !'habomai'.includes(fold(m)) && !fold(m).startsWith('habomai')), [], 'what is marked is the match');
  assert.equal(await page.$eval('.grid-row[data-speaker="Yamada"] .grid-item', (e) => e.dataset.reported), 'yes');
  assert.ok(await page.$('.grid-row[data-speaker="Yamada"] .grid-badge[data-badge="reported"]'));
  assert.ok(await page.$('.grid-row[data-speaker="Khrushchev"] .grid-badge[data-badge="first"]'));
  assert.ok(await page.$('.grid-row[data-speaker="Khrushchev"] .grid-badge[data-badge="last"]'));
  assert.ok(await page.$('.grid-row[data-narration="yes"]'), 'narration has a row of its own');
  // ARIA grid roles.
  assert.equal(await page.$eval('.grid', (t) => t.getAttribute('role')), 'grid');
  assert.equal(await page.$$eval('.grid .grid-cell', (cs) => cs.every((c) => c.getAttribute('role') === 'gridcell')), true);
  assert.equal(await page.$$eval('.grid [tabindex="0"]', (cs) => cs.length), 1, 'one tab stop (roving tabindex)');
  const links = await checkLinks(page);
  assert.equal(links.length, want.total);
  assert.deepEqual(links.filter((l) => !l.ok), [], 'each quotation is from the paragraph it links to');
  await shot(page, 'grid-query-1280');
  // A quotation opens its paragraph (with the query's hits marked).
  await page.locator('.grid-row[data-speaker="Kono"] .grid-quote').first().click();
  await page.waitForFunction(() => document.body.dataset.view === 'reader' && document.querySelector('.para[data-target="yes"]'));
  assert.match(await page.evaluate(() => location.hash), /^#doc=1956-10-17-khrushchev-kono&p=4&q=Habomai$/);
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('entry points: search results, the entity card and the clause view open the grid', async () => {
  const { page, errors } = await open(browser.context, '#q=Habomai');
  await ready(page);
  await page.click('.search-results .who-said-what a');
  await page.waitForSelector('.grid-view[data-by="query"][data-value="Habomai"] .grid[data-complete="yes"]');
  await page.goto(`${PAGE_URL}#entity=habomai`);
  await page.waitForSelector('#panel .entity-card .who-said-what a');
  await page.click('#panel .entity-card .who-said-what a');
  await page.waitForSelector('.grid-view[data-by="entity"][data-value="habomai"] .grid[data-complete="yes"]');
  const want = cli('positions', '--json', '--entity', 'habomai');
  assert.equal(await page.$$eval('.grid-quote', (q) => q.length), want.total);
  assert.match(await page.$eval('#grid-title', (e) => e.textContent), /Habomai/);
  await page.goto(`${PAGE_URL}#clause=territorial`);
  await page.waitForSelector('.clause-view .who-said-what a');
  await page.click('.clause-view .who-said-what a');
  await page.waitForSelector('.grid-view[data-by="clause"] .grid[data-complete="yes"]');
  const clause = cli('positions', '--json', '--clause', 'territorial');
  assert.equal(await page.$$eval('.grid-quote', (q) => q.length), clause.total);
  assert.match(await page.$eval('#grid-title', (e) => e.textContent), /territorial clause/);
  assert.equal(await page.$$eval('.grid-compare', (b) => b.length), clause.total, 'every wording can be compared');
  await shot(page, 'grid-clause-1280', { fullPage: true });
  // Compare: two wordings of the family open their clause diff.
  const families = cli('clauses', '--json');
  const versions = families.find((f) => f.id === 'territorial').versions;
  const n = (id) => versions.find((v) => v.id === id).n;
  await page.click('.grid-compare[data-version="' + n('kono-proposal') + '"]');
  assert.match(await page.$eval('.grid-compare-note', (e) => e.textContent), /Kono's proposal/);
  await page.click('.grid-compare[data-version="' + n('khrushchev-okinawa') + '"]');
  await page.waitForFunction(() => document.body.dataset.view === 'clause');
  const [a, b] = [n('khrushchev-okinawa'), n('kono-proposal')].sort((x, y) => x - y);
  assert.equal(await page.evaluate(() => location.hash), `#clause=territorial&a=${a}&b=${b}`);
  await page.waitForSelector(`.clause-view[data-a="${a}"][data-b="${b}"] .diff-text`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: arrow keys over the cells, Enter into a cell, Escape out (counted key presses)', async () => {
  const { page, errors } = await openGrid('#grid=query%3AHabomai');
  const at = () => page.evaluate(() => {
    const c = document.activeElement.closest('.grid-cell');
    return c ? [Number(c.dataset.row), Number(c.dataset.col), document.activeElement === c] : null;
  });
  const width = await page.$$eval('.grid .grid-head .grid-col', (c) => c.length);
  const height = await page.$$eval('.grid .grid-row', (r) => r.length);
  // Tab from the Print button lands on the grid's one tab stop: the first cell.
  await page.focus('.grid-print');
  await page.keyboard.press('Tab');
  assert.deepEqual(await at(), [0, 0, true]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await at(), [0, 2, true], '2 × → = column 2');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await at(), [1, 2, true], '1 × ↓ = row 1');
  await page.keyboard.press('End');
  assert.deepEqual(await at(), [1, width - 1, true], 'End = last column');
  await page.keyboard.press('Control+End');
  assert.deepEqual(await at(), [height - 1, width - 1, true], 'Ctrl+End = last cell');
  await page.keyboard.press('Control+Home');
  assert.deepEqual(await at(), [0, 0, true], 'Ctrl+Home = first cell');
  assert.equal(await page.$$eval('.grid [tabindex="0"]', (cs) => cs.length), 1, 'still one tab stop');
  // The focused cell's whole turn shows in the detail box.
  const full = await page.evaluate(() => window.__docent.engine().document('1955-09-21-parliamentary-delegation').paragraphs[50].text);
  assert.equal(await page.$eval('.grid-detail .gd-text', (e) => e.textContent), full);
  // Enter goes to the cell's first link, Escape back to the cell.
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'grid-quote');
  await page.keyboard.press('Escape');
  assert.deepEqual(await at(), [0, 0, true]);
  // Hovering a cell shows its turn too.
  await page.hover('.grid-row[data-speaker="Kono"] .grid-cell[data-n="3"]');
  assert.match(await page.$eval('.grid-detail .gd-head', (e) => e.textContent), /^Kono/);
  await shot(page, 'grid-keyboard-1280');
  assert.deepEqual(errors, []);
  await page.close();
});

test('filters by side and date live in the fragment; zoom to years', async () => {
  const { page, errors } = await openGrid('#grid=query%3AHabomai');
  await page.uncheck('.grid-controls input[name="side"][value="unknown"]');
  await page.waitForFunction(() => location.hash.includes('sides='));
  assert.ok(!(await page.$('.grid-row[data-side="unknown"]')));
  assert.equal(await page.evaluate(() => document.activeElement.value), 'unknown', 'focus stays on the box');
  await page.selectOption('.grid-controls select[name="from"]', '1956');
  await page.waitForFunction(() => location.hash.includes('from=1956'));
  const cols = await page.$$eval('.grid .grid-head .grid-col .gc-date', (ts) => ts.map((t) => t.textContent));
  assert.ok(cols.every((c) => c >= '1956'), `columns: ${cols}`);
  assert.match(await page.$eval('.grid-count', (e) => e.textContent), /^\d+ of 25 passages/);
  await page.click('.grid-zoom:text("Years")');
  await page.waitForFunction(() => document.querySelector('.grid[data-zoom="year"]'));
  // 1960 is the narration's only (no side's): filtered out with it.
  assert.deepEqual(await page.$$eval('.grid .grid-head .grid-col .gc-date', (ts) => ts.map((t) => t.textContent)), ['1956', '1961']);
  // The fragment alone restores it.
  const hash = await page.evaluate(() => location.hash);
  const again = await openGrid(hash);
  assert.deepEqual(await again.page.$$eval('.grid .grid-head .grid-col .gc-date', (ts) => ts.map((t) => t.textContent)), ['1956', '1961']);
  assert.deepEqual(again.errors, []);
  await again.page.close();
  assert.deepEqual(errors, []);
  await page.close();
});


test('Export CSV: every passage shown, RFC 4180 quoting, read back from the download', async () => {
  const { page, errors } = await openGrid('#grid=query%3AHabomai');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.grid-csv')]);
  assert.match(download.suggestedFilename(), /^docent-who-said-what-query-Habomai\.csv$/);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.endsWith('\r\n'), 'the file ends with CRLF');
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['speaker', 'side', 'date', 'document', 'title', 'paragraph', 'reported', 'text']);
  const want = cli('positions', '--json', 'Habomai');
  assert.equal(rows.length - 1, want.total);
  const cells = want.rows.flatMap((r) => r.cells.map((c) => [r.speaker, r.side, c.date || '', c.doc, c.title || '', String(c.paragraph), c.reported ? 'yes' : 'no', c.text]));
  const key = (r) => r.join('\u0001');
  assert.deepEqual(rows.slice(1).map(key).sort(), cells.map(key).sort());
  assert.ok(text.includes('"Conversation of Comrades N.A. Bulganin and N.S. Khrushchev with the Japanese Parliamentary Delegation on September 21st, 1955"'), 'a title with a comma is quoted');
  assert.ok(rows.some((r) => r[6] === 'yes'), 'reported speech says so');
  assert.deepEqual(errors, []);
  await page.close();
});

test('grid: no axe violations, no sideways scroll, stacked by speaker at 360 px, printable', async () => {
  for (const width of [360, 1280]) {
    for (const hash of ['#grid=query%3AHabomai', '#grid=clause%3Aterritorial']) {
      const what = `${hash} at ${width}px`;
      const { page, requests, errors } = await openGrid(hash, { width });
      assert.deepEqual(await audit(page), [], `${what}: axe violations`);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${what} scrolls sideways by ${scroll - client}px`);
      if (width === 360) {
        assert.equal(await page.$eval('.grid .grid-head', (e) => getComputedStyle(e).display), 'none');
        assert.equal(await page.$eval('.grid .grid-row', (e) => getComputedStyle(e).display), 'block');
        assert.equal(await page.$eval('.grid .grid-cell[data-n="1"] .cell-head', (e) => getComputedStyle(e).display), 'block');
      }
      await shot(page, `grid-${hash.includes('clause') ? 'clause' : 'query'}-${width}`);
      assert.deepEqual(requests, [PAGE_URL]);
      assert.deepEqual(errors, [], `${what}: console errors`);
      await page.close();
    }
  }
  const { page } = await openGrid('#grid=query%3AHabomai');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('.grid-controls', (e) => getComputedStyle(e).display), 'none');
  assert.equal(await page.$eval('.grid-scroll', (e) => getComputedStyle(e).overflow), 'visible');
  await page.close();
});

test('scale: a grid of thousands of cells draws in chunks without freezing the page', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { pathToFileURL } = await import('node:url');
  const { convert } = await import('../../bench/sotu-corpus.mjs');
  const work = mkdtempSync(join(tmpdir(), 'docent-grid-scale-'));
  try {
    convert(join(work, 'sotu'));
    execFileSync(DOCENT, ['build', '--corpus', join(work, 'sotu'), '--out', join(work, 'out')], { cwd: ROOT, encoding: 'utf8' });
    const url = pathToFileURL(join(work, 'out/docent.html')).href;
    const { page, errors } = await open(browser.context, '', { url });
    await ready(page);
    // Long tasks from here on (the engine's one call, then the drawing).
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
      // The router's hashchange listener came first: this one sees what it drew at once.
      addEventListener('hashchange', () => { window.__first = document.querySelectorAll('.grid .grid-cell').length; }, { once: true });
      location.hash = '#grid=query%3Afreedom&zoom=doc';
    });
    await page.waitForSelector('.grid');
    const first = await page.evaluate(() => window.__first);
    await page.waitForSelector('.grid[data-complete="yes"]', { timeout: 60000 });
    const all = await page.$$eval('.grid .grid-cell', (c) => c.length);
    const long = await page.evaluate(() => window.__long);
    assert.ok(all > 2000, `${all} cells`);
    assert.ok(first < all, `drawn in chunks: ${first} cells at first, ${all} in the end`);
    assert.ok(Math.max(0, ...long) < 1000, `long tasks: ${long.join(', ')} ms`);
    // The first cell takes focus and arrows work while the rest is drawn.
    await page.focus('.grid .grid-cell[tabindex="0"]');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.col), '1');
    console.log(`# grid scale: ${all} cells, first frame ${first}, long tasks ${long.join(', ') || 'none'} ms`);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
