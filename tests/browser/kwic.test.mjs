// The concordance (KWIC) view in the built reader (dist/docent.html) over
// file://: `#kwic=QUERY` lists every occurrence once, in the same order as
// `docent kwic QUERY --json` for every sort (stable sorts), one link per line
// to its paragraph, sort buttons that keep focus, the count in a live region,
// a CSV export read back as a table, incremental drawing, the keyboard path
// from the search results, axe at 360 and 1280 px, text never markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseCsv, launch, open, ready, shot, ROOT, PAGE_URL } from './helpers.mjs';

const BIN = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/docent');

/** `docent kwic QUERY --json --limit 10000 [--sort S]` on the same corpus. */
function cli(q, sort) {
  const args = ['kwic', '--corpus', join(ROOT, 'corpus'), '--json', '--limit', '10000'];
  if (sort && sort !== 'text') args.push('--sort', sort);
  return JSON.parse(execFileSync(BIN, [...args, q], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

/** The lines on screen once all are drawn: what each shows and links to. */
async function shown(page) {
  await page.waitForSelector('.kwic-lines[data-complete="yes"]');
  return page.$$eval('.kwic-line', (lis) => lis.map((li) => {
    const a = li.querySelector('a.kwic-row');
    const p = new URLSearchParams(a.getAttribute('href').slice(1));
    return {
      doc: p.get('doc'), paragraph: Number(p.get('p')), start: Number(li.dataset.start),
      left: li.querySelector('.kwic-left').textContent, match: li.querySelector('.kwic-match mark').textContent,
      right: li.querySelector('.kwic-right').textContent, links: li.querySelectorAll('a').length,
    };
  }));
}

// The CLI's start/end are byte offsets, the page's UTF-16: lines are told apart by their text.
const key = (l) => `${l.doc}#${l.paragraph}|${l.left}|${l.match}|${l.right}`;
const strip = (l) => ({ doc: l.doc, paragraph: l.paragraph, left: l.left, match: l.match, right: l.right });


async function axe(page, what) {
  const src = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(src);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(result, [], `${what}: axe violations`);
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('#kwic= lists every occurrence once, as `docent kwic --json` does, drawn in chunks', async () => {
  const q = 'japan';
  const want = cli(q);
  assert.ok(want.total > 400 && want.lines.length === want.total, 'a query long enough to draw in chunks');
  const { page, requests, errors } = await open(browser.context, '', { width: 1280 });
  await ready(page);
  // Count the batches the list grows by.
  await page.evaluate(() => {
    window.kwicBatches = 0;
    new MutationObserver((ms) => {
      for (const m of ms) if (m.target.classList && m.target.classList.contains('kwic-lines') && m.addedNodes.length) window.kwicBatches++;
    }).observe(document.getElementById('main'), { childList: true, subtree: true });
    location.hash = '#kwic=japan';
  });
  const lines = await shown(page);
  assert.equal(lines.length, want.total);
  assert.equal(new Set(lines.map((l) => `${l.doc}#${l.paragraph}@${l.start}`)).size, lines.length, 'no occurrence twice');
  assert.deepEqual(lines.map(strip), want.lines.map(strip), 'the same lines in the same order as the CLI');
  assert.ok(lines.every((l) => l.links === 1), 'one link per line');
  assert.ok(await page.evaluate(() => window.kwicBatches) >= 2, 'drawn in more than one batch');
  assert.equal(await page.evaluate(() => document.body.dataset.view), 'kwic');
  // The count is in a live region.
  const count = page.locator('.kwic-count[aria-live="polite"]');
  await page.waitForFunction(() => /occurrences/.test(document.querySelector('.kwic-count').textContent));
  assert.match(await count.textContent(), new RegExp(`^${want.total} occurrences in \\d+ documents$`));
  // Layout: the matches line up in one column, left context ends where the match starts.
  const geo = await page.$$eval('.kwic-line', (lis) => lis.slice(0, 30).map((li) => {
    const m = li.querySelector('.kwic-match').getBoundingClientRect();
    const left = li.querySelector('.kwic-left').getBoundingClientRect();
    const mark = li.querySelector('mark').getBoundingClientRect();
    return { col: Math.round(m.left), leftEnd: Math.round(left.right), markMid: Math.round(mark.left + mark.width / 2), colMid: Math.round(m.left + m.width / 2) };
  }));
  assert.equal(new Set(geo.map((g) => g.col)).size, 1, 'one match column');
  for (const g of geo) assert.ok(Math.abs(g.markMid - g.colMid) <= 1 && g.leftEnd <= g.col, JSON.stringify(g));
  await shot(page, 'kwic-1280');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('sorts: left, right, date, document, speaker, as the CLI (stable); the button keeps focus', async () => {
  const q = 'okinawa';
  const { page, requests, errors } = await open(browser.context, `#kwic=${q}`);
  await ready(page);
  const base = cli(q);
  const textOrder = new Map(base.lines.map((l, i) => [key(l), i]));
  for (const [sort, field] of [['left', null], ['right', null], ['date', 'date'], ['doc', 'doc'], ['speaker', 'speaker'], ['text', null]]) {
    const button = page.locator(`.kwic-sort[data-sort="${sort}"]`);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.kwic-lines[data-sort="${sort}"][data-complete="yes"]`);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await page.locator('.kwic-sort[aria-pressed="true"]').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.sort), sort, 'focus stays on the button');
    const params = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
    assert.equal(params.get('sort'), sort === 'text' ? null : sort);
    const lines = await shown(page);
    assert.deepEqual(lines.map(strip), cli(q, sort).lines.map(strip), `sort=${sort} as the CLI`);
    if (field) {
      // Stable: lines with the same key keep the text order.
      const want = base.lines.map((l) => ({ ...l, speaker: l.speaker || '' }));
      const byKey = new Map(want.map((l) => [key(l), l]));
      for (let i = 1; i < lines.length; i++) {
        const a = byKey.get(key(lines[i - 1]));
        const b = byKey.get(key(lines[i]));
        if (a[field] === b[field]) assert.ok(textOrder.get(key(a)) < textOrder.get(key(b)), `sort=${sort} stable at line ${i}`);
      }
    }
  }
  // A deep link with a sort.
  await page.evaluate(() => { location.hash = '#kwic=okinawa&sort=date'; });
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('.kwic-sort[data-sort="date"]', 'aria-pressed'), 'true');
  assert.deepEqual((await shown(page)).map(strip), cli(q, 'date').lines.map(strip));
  assert.deepEqual(requests.filter((u) => u !== PAGE_URL), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Export CSV downloads the lines as an RFC 4180 table', async () => {
  const q = 'a "b'; // quotes and commas in the contexts
  const { page, errors } = await open(browser.context, `#kwic=${encodeURIComponent(q)}&sort=right`);
  await ready(page);
  const lines = await shown(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.kwic-export')]);
  assert.match(dl.suggestedFilename(), /^concordance-a-b\.csv$/);
  const text = readFileSync(await dl.path(), 'utf8');
  assert.match(text, /\r\n$/);
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], ['doc', 'date', 'paragraph', 'speaker', 'left', 'match', 'right']);
  const want = cli(q, 'right').lines;
  assert.equal(rows.length - 1, want.length);
  assert.equal(lines.length, want.length);
  rows.slice(1).forEach((r, i) => {
    const l = want[i];
    assert.deepEqual(r, [l.doc, l.date || '', String(l.paragraph), l.speaker || '', l.left, l.match, l.right], `row ${i + 1}`);
  });
  assert.ok(rows.slice(1).some((r) => r.some((f) => f.includes(','))), 'a comma inside a quoted field');
  assert.ok(rows.slice(1).some((r) => r.some((f) => f.includes('"'))) === text.includes('""'), 'quotes doubled');
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard: search results → Concordance → sort → a line → its paragraph, counted', async () => {
  const { page, errors } = await open(browser.context, '#q=okinawa');
  await ready(page);
  await page.waitForSelector('.kwic-entry a');
  let presses = 0;
  const press = async (k) => { presses++; await page.keyboard.press(k); };
  const focused = () => page.evaluate(() => document.activeElement.className || document.activeElement.tagName);
  let tabs = 0;
  while (!(await focused()).includes('kwic-link') && tabs < 20) { await press('Tab'); tabs++; }
  assert.ok(tabs < 20, 'the Concordance link is reachable by Tab');
  const toLink = presses;
  await press('Enter');
  await page.waitForSelector('.kwic-lines[data-complete="yes"]');
  tabs = 0;
  while ((await page.evaluate(() => document.activeElement.dataset.sort)) !== 'left' && tabs < 20) { await press('Tab'); tabs++; }
  await press('Enter');
  await page.waitForSelector('.kwic-lines[data-sort="left"][data-complete="yes"]');
  const toSort = presses;
  tabs = 0;
  while (!(await focused()).includes('kwic-row') && tabs < 20) { await press('Tab'); tabs++; }
  const first = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await press('Enter');
  await page.waitForSelector('.para[data-target]');
  assert.equal(await page.evaluate(() => location.hash), first);
  console.log(`key presses: ${toLink} to the Concordance link, ${toSort} to sort by left, ${presses} to open a line`);
  assert.ok(presses <= 20, `${presses} key presses`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('axe: no violations at 1280 and 360 px (light and dark); the 360 px layout wraps', async () => {
  for (const [width, scheme] of [[1280, 'light'], [360, 'light'], [360, 'dark']]) {
    const { page, errors } = await open(browser.context, '#kwic=okinawa&sort=left', { width, height: 800, colorScheme: scheme });
    await ready(page);
    await shown(page);
    await axe(page, `${width} ${scheme}`);
    if (width === 360) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `no sideways scroll at 360 px (${overflow} px)`);
      // Every word of a line is visible (wrapped, not clipped).
      const clipped = await page.$$eval('.kwic-left, .kwic-right', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline').length);
      assert.equal(clipped, 0);
    }
    await shot(page, `kwic-${width}-${scheme}`, { fullPage: width === 360 });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('query text is never markup; nothing found; a bad query shows a readable error', async () => {
  const evil = '<img src=x onerror="window.pwned=1">';
  const { page, errors } = await open(browser.context, `#kwic=${encodeURIComponent(evil)}`);
  await ready(page);
  await page.waitForFunction(() => document.body.dataset.view === 'kwic');
  assert.equal(await page.locator('#main img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.ok((await page.locator('#kwic-title').textContent()).includes(evil));
  await page.evaluate(() => { location.hash = '#kwic=zzqqxxnothing'; });
  await page.waitForFunction(() => /No occurrence/.test(document.querySelector('.kwic-count')?.textContent || ''));
  assert.equal(await page.locator('.kwic-export').isDisabled(), true);
  assert.deepEqual(errors, []);
  await page.close();
});
