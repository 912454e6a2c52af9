// Citations in the built reader (dist/docent.html) over file://: the Cite
// pop-up copies (text/plain + text/html with the link) and downloads each of
// the five formats for a document and for a paragraph, exactly as
// `docent cite --json` gives them; a text selection is quoted with its
// paragraph's citation; the clipboard refused leaves the citation selected;
// no citation carries a file:/// path, and a `--base-url` build carries that
// address; <head> has the open document's citation_* meta tags, replaced when
// another opens and removed when the reader closes. axe at 360 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, ROOT, PAGE_URL } from './helpers.mjs';

const BIN = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/docent');
const FORMATS = ['chicago', 'chicago-bib', 'bibtex', 'ris', 'csl-json'];
const EXT = { chicago: 'txt', 'chicago-bib': 'txt', bibtex: 'bib', ris: 'ris', 'csl-json': 'json' };
const ID = '1956-10-17-khrushchev-kono';
const OTHER = '1955-09-21-parliamentary-delegation';

/** `docent cite ID [--paragraph N] --format F --json [--base-url U]` on the same corpus. */
function cli(id, p, format, base) {
  const args = ['cite', '--corpus', join(ROOT, 'corpus'), '--json', '--format', format];
  if (p !== null) args.push('--paragraph', String(p));
  if (base) args.push('--base-url', base);
  return JSON.parse(execFileSync(BIN, [...args, id], { encoding: 'utf8' }));
}

/** Records what the page puts on the clipboard (headless may not allow reading it back). */
async function recordClipboard(page, { refuse = false } = {}) {
  await page.evaluate((refuse) => {
    window.copies = [];
    navigator.clipboard.write = async (items) => {
      if (refuse) throw new DOMException('denied', 'NotAllowedError');
      const out = {};
      for (const it of items) for (const t of it.types) out[t] = await (await it.getType(t)).text();
      window.copies.push(out);
    };
    navigator.clipboard.writeText = async (t) => {
      if (refuse) throw new DOMException('denied', 'NotAllowedError');
      window.copies.push({ 'text/plain': t });
    };
  }, refuse);
}

async function axe(page, what) {
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(result, [], `${what}: axe violations`);
}

/** Copies and downloads every format in the open pop-up; checks them against the CLI. */
async function everyFormat(page, id, p, base) {
  for (const f of FORMATS) {
    await page.selectOption('.cite-popover select.cite-format', f);
    await page.waitForSelector(`.cite-popover[data-format="${f}"]`);
    const want = cli(id, p, f, base);
    assert.equal(await page.inputValue('.cite-popover textarea.cite-text'), want.text, `${f} shown`);
    const before = await page.evaluate(() => window.copies.length);
    await page.click('.cite-popover .cite-copy');
    await page.waitForFunction((n) => window.copies.length > n, before);
    const copied = await page.evaluate(() => window.copies.at(-1));
    assert.equal(copied['text/plain'], want.text, `${f} copied`);
    if (f.startsWith('chicago')) {
      const link = want.text.match(/(https?:\/\/\S+?|docent\.html#\S+?)\.?$/)[1];
      assert.ok(copied['text/html'].includes(`<a href="${link.replace(/&/g, '&amp;')}">`), `${f} as HTML with its link: ${copied['text/html']}`);
    } else {
      assert.equal(copied['text/html'], undefined, `${f}: text only`);
    }
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.cite-popover .cite-download')]);
    assert.equal(dl.suggestedFilename(), `${id}${p === null ? '' : `-p${p}`}-${f}.${EXT[f]}`);
    assert.equal(readFileSync(await dl.path(), 'utf8'), want.text, `${f} downloaded`);
    for (const t of [want.text, copied['text/plain'], copied['text/html'] || '']) assert.doesNotMatch(t, /file:/, `${f}: no file:/// path`);
    if (base) assert.ok(want.text.includes(`${base}#doc=${id}`), `${f} carries the base URL`);
  }
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('Cite: every format copied and downloaded, for the document and for a paragraph', async () => {
  const { page, requests, errors } = await open(browser.context, `#doc=${ID}`);
  await ready(page);
  await recordClipboard(page);
  await page.click('button.cite');
  await page.waitForSelector('.cite-popover[data-scope="doc"]');
  assert.equal(await page.locator('.cite-popover input[name="cite-scope"]').count(), 0, 'only the document to cite');
  await everyFormat(page, ID, null);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cite')), true, 'Escape returns to Cite');
  // A highlighted paragraph: cited by default, the document is the other choice.
  await page.evaluate(() => { location.hash = '#doc=1956-10-17-khrushchev-kono&p=4'; });
  await page.waitForSelector('#p-4[data-target]');
  await page.click('button.cite');
  await page.waitForSelector('.cite-popover[data-scope="para"]');
  await everyFormat(page, ID, 4);
  await shot(page, 'cite-1280');
  await axe(page, 'cite pop-up 1280');
  await page.check('.cite-popover input[value="doc"]');
  await page.waitForSelector('.cite-popover[data-scope="doc"]');
  assert.equal(await page.inputValue('.cite-popover textarea.cite-text'), cli(ID, null, 'csl-json').text, 'the format stays, the scope changes');
  // The printed "Cite as" line is the engine's Chicago note too.
  assert.equal(await page.textContent('#cite-print'), `Cite as: ${cli(ID, 4, 'chicago').text}`);
  assert.deepEqual(requests.filter((u) => u !== PAGE_URL && !u.startsWith('blob:')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a text selection is copied as a quote with its paragraph\'s citation', async () => {
  const { page, errors } = await open(browser.context, `#doc=${ID}`, { width: 360, height: 800 });
  await ready(page);
  await recordClipboard(page);
  const quote = await page.evaluate(() => {
    const el = document.querySelector('#p-6 .p-text');
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode();
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, Math.min(60, node.length));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    return getSelection().toString().replace(/\s+/g, ' ').trim();
  });
  assert.ok(quote.length > 10, quote);
  // By keyboard: focus the button and press Enter (the selection stays).
  await page.focus('button.cite');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.cite-popover[data-scope="quote"]');
  const want = `“${quote}” ${cli(ID, 6, 'chicago').text}`;
  assert.equal(await page.inputValue('.cite-popover textarea.cite-text'), want);
  // Machine formats cannot carry the quote.
  assert.deepEqual(await page.$$eval('.cite-popover option:disabled', (os) => os.map((o) => o.value)), ['bibtex', 'ris', 'csl-json']);
  await page.click('.cite-popover .cite-copy');
  await page.waitForFunction(() => window.copies.length === 1);
  const copied = await page.evaluate(() => window.copies[0]);
  assert.equal(copied['text/plain'], want);
  assert.ok(copied['text/html'].startsWith('<p xmlns="http://www.w3.org/1999/xhtml">“') || copied['text/html'].startsWith('<p>“'), copied['text/html']);
  await page.selectOption('.cite-popover select.cite-format', 'chicago-bib');
  assert.equal(await page.inputValue('.cite-popover textarea.cite-text'), `“${quote}” ${cli(ID, 6, 'chicago-bib').text}`);
  await page.locator('.cite-popover').scrollIntoViewIfNeeded();
  await shot(page, 'cite-360-quote');
  await axe(page, 'cite pop-up 360');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the clipboard refused: the citation is left selected with a hint', async () => {
  const { page, errors } = await open(browser.context, `#doc=${ID}&p=4`);
  await ready(page);
  await recordClipboard(page, { refuse: true });
  await page.click('button.cite');
  await page.click('.cite-popover .cite-copy');
  await page.waitForFunction(() => /did not allow/.test(document.querySelector('.cite-said').textContent));
  const sel = await page.evaluate(() => {
    const a = document.activeElement;
    return a.classList.contains('cite-text') && a.selectionStart === 0 && a.selectionEnd === a.value.length;
  });
  assert.ok(sel, 'the textarea is focused with all of it selected');
  assert.deepEqual(errors, []);
  await page.close();
});

test('<head> carries the open document\'s citation_* meta tags, replaced and removed as the reader moves', async () => {
  const { page, errors } = await open(browser.context, `#doc=${ID}`);
  await ready(page);
  const tags = () => page.$$eval('head meta[name^="citation_"]', (ms) => ms.map((m) => [m.name, m.content]));
  const first = await tags();
  const get = (ts, n) => ts.filter(([k]) => k === n).map(([, v]) => v);
  assert.deepEqual(get(first, 'citation_title'), [await page.textContent('#doc-title')]);
  assert.ok(get(first, 'citation_date').length === 1 && get(first, 'citation_date')[0].startsWith('1956'), JSON.stringify(first));
  for (const [, v] of first) assert.doesNotMatch(v, /file:/);
  // Another paragraph of the same document: the same tags.
  await page.evaluate(() => { location.hash = '#doc=1956-10-17-khrushchev-kono&p=3'; });
  await page.waitForSelector('#p-3[data-target]');
  assert.deepEqual(await tags(), first);
  // Another document: its tags, none of the first.
  await page.evaluate((id) => { location.hash = `#doc=${id}`; }, OTHER);
  await page.waitForSelector(`article.doc[data-doc="${OTHER}"]`);
  const second = await tags();
  assert.deepEqual(get(second, 'citation_title'), [await page.textContent('#doc-title')]);
  assert.notDeepEqual(get(second, 'citation_title'), get(first, 'citation_title'));
  assert.equal(new Set(second.map(([k, v]) => `${k}=${v}`)).size, second.length, 'no tag twice');
  // The library: none.
  await page.evaluate(() => { location.hash = ''; });
  await page.waitForSelector('.library');
  assert.deepEqual(await tags(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('built with --base-url: every citation carries that address', async () => {
  const out = mkdtempSync(join(tmpdir(), 'docent-base-'));
  const base = 'https://example.org/papers/docent.html';
  try {
    execFileSync(BIN, ['build', '--corpus', join(ROOT, 'corpus'), '--out', out, '--base-url', base], { cwd: ROOT, stdio: 'pipe' });
    const url = pathToFileURL(join(out, 'docent.html')).href;
    const { page, errors } = await open(browser.context, `#doc=${ID}&p=4`, { url });
    await ready(page);
    await recordClipboard(page);
    await page.click('button.cite');
    await page.waitForSelector('.cite-popover[data-scope="para"]');
    await everyFormat(page, ID, 4, base);
    const tags = await page.$$eval('head meta[name^="citation_"]', (ms) => ms.map((m) => m.content).join(' '));
    assert.doesNotMatch(tags, /file:/);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
