// The built reader (dist/docent.html) in headless Chromium over file://:
// library, every document (with a word-by-word fidelity check against the
// source files), one request per view, no console errors, deep links, history,
// footnote pop-ups, citations, the iframe embedding, the error screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, missingWords, ROOT, DIST, PAGE_URL, ARTIFACTS } from './helpers.mjs';
import { replaceBlock } from '../../bench/page-data.mjs';

const DOCS_DIR = join(ROOT, 'corpus/documents');
const FILES = readdirSync(DOCS_DIR).filter((n) => /\.(txt|md)$/.test(n)).sort();
const IDS = FILES.map((n) => n.replace(/\.(txt|md)$/, ''));
// The library also lists the TEI records (one document per file; their
// words are checked by tei.test.mjs); the persons file is a register.
const TEI_IDS = readdirSync(DOCS_DIR).filter((n) => /-d\d+\.xml$/.test(n)).map((n) => n.replace(/\.xml$/, ''));
const SORTED_IDS = [...IDS, ...TEI_IDS].sort();

// Header labels are layout, not text: the reader shows them as field names.
const LABELS = /^[\s#*]*(Title|Date|Source|Publisher|Rights|Found-via|Note|Citation|Summary|Credits|Original Language|Contents|Author|Kind)\s*:\**/i;

/** The words a reader must show for a source file: all of it, minus front matter and labels. */
function sourceText(file) {
  let raw = readFileSync(join(DOCS_DIR, file), 'utf8');
  raw = raw.replace(/^\uFEFF?---\n[\s\S]*?\n---\n/, '');
  return raw.split('\n').map((line) => line.replace(LABELS, '')).join('\n');
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the page carries the CSP and inlines everything', () => {
  const html = readFileSync(DIST, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src ('sha256-[A-Za-z0-9+\/]+=*' )+'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:">/);
  // The load guard and the page script: classic scripts, the page's before
  // the engine's data blocks so that the library shows while they are parsed.
  assert.equal((html.match(/<script>/g) || []).length, 2);
  assert.doesNotMatch(html, /<script type="module"/);
  assert.ok(html.lastIndexOf('<script>') < html.indexOf('id="docent-wasm"'));
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|@import/);
});

test('the library lists every document, by date, with one request and no errors', async () => {
  const { page, requests, errors } = await open(browser.context);
  await ready(page);
  const ids = await page.$$eval('.doc-card', (cards) => cards.map((c) => c.dataset.doc));
  assert.deepEqual([...ids].sort(), SORTED_IDS);
  const dates = await page.$$eval('.doc-card time', (ts) => ts.map((t) => t.getAttribute('datetime')).filter(Boolean));
  assert.deepEqual(dates, [...dates].sort(), 'dated documents in date order');
  // Partial texts say what is missing.
  const partial = await page.$$eval('.doc-card[data-partial="yes"]', (cs) => cs.map((c) => c.querySelector('.doc-card-partial')?.textContent || ''));
  assert.ok(partial.length >= 1, 'at least one excerpt');
  for (const p of partial) assert.match(p, /^Missing: \S/);
  assert.ok(await page.evaluate(() => performance.getEntriesByName('docent:library').length === 1));
  // The library is on screen before the collection is ready (inline rows).
  const [lib, all] = await page.evaluate(() => ['docent:library', 'docent:collection'].map((n) => performance.getEntriesByName(n)[0].startTime));
  assert.ok(lib < all, `library at ${lib} ms, collection at ${all} ms`);
  await shot(page, 'library-1280-light', { fullPage: true });
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('every document opens and shows every word of its source (fidelity)', async () => {
  const { page, requests, errors } = await open(browser.context);
  await ready(page);
  for (const [i, id] of IDS.entries()) {
    await page.click(`.doc-card[data-doc="${id}"] a`);
    await page.waitForSelector(`article.doc[data-doc="${id}"]`);
    const shown = await page.$eval('article.doc', (a) => a.innerText);
    const missing = missingWords(sourceText(FILES[i]), shown);
    assert.deepEqual(missing, [], `${id}: words of the source missing from the page`);
    assert.ok((await page.$$('.para')).length > 0, `${id} has paragraphs`);
    await page.goBack();
    await page.waitForSelector('.library');
  }
  assert.deepEqual(requests, [PAGE_URL], 'one request for all views');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deep link opens the document at the paragraph, highlighted and in view', async () => {
  const id = '1956-10-17-khrushchev-kono';
  const { page, requests, errors } = await open(browser.context, `#doc=${id}&p=12`);
  await ready(page);
  const target = page.locator('#p-12');
  await target.waitFor();
  assert.equal(await target.getAttribute('data-target'), 'yes');
  assert.equal(await page.locator('.para[data-target]').count(), 1);
  assert.ok(await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.top < innerHeight && document.activeElement === el;
  }), 'in view and focused');
  await shot(page, 'deeplink-1280-light');
  // Another paragraph of the same document: no re-render, the highlight moves.
  await page.evaluate(() => { document.querySelector('article.doc').dataset.marker = 'same'; location.hash = '#doc=1956-10-17-khrushchev-kono&p=3'; });
  await page.waitForSelector('#p-3[data-target]');
  assert.equal(await page.locator('article.doc[data-marker="same"]').count(), 1);
  assert.equal(await page.locator('.para[data-target]').count(), 1);
  // Back goes to p=12 again, back again to the library? No: the first entry was the deep link.
  await page.goBack();
  await page.waitForSelector('#p-12[data-target]');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('history: library → document → back → forward', async () => {
  const { page, requests, errors } = await open(browser.context);
  await ready(page);
  await page.click('.doc-card a');
  await page.waitForSelector('article.doc');
  await page.goBack();
  await page.waitForSelector('.library');
  assert.equal(await page.evaluate(() => document.body.dataset.view), 'library');
  await page.goForward();
  await page.waitForSelector('article.doc');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'doc-title');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('footnotes: pop-up by keyboard, Escape returns focus, note and back links', async () => {
  const id = 'saito-normalization-chapter';
  const { page, requests, errors } = await open(browser.context, `#doc=${id}`);
  await ready(page);
  const first = page.locator('button.fn-ref').first();
  const n = await first.getAttribute('data-note');
  await first.focus();
  await page.keyboard.press('Enter');
  const pop = page.locator('.popover[role="dialog"]');
  await pop.waitFor();
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  const noteText = await page.locator(`.para[data-note="${n}"] .p-text`).innerText();
  assert.ok((await pop.innerText()).includes(noteText.slice(0, 40)), 'the pop-up shows the note');
  await shot(page, 'footnote-1280-light');
  await page.keyboard.press('Escape');
  await pop.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('fn-ref')), true);
  assert.equal(await first.getAttribute('aria-expanded'), 'false');
  // Go to the note, then back to the text.
  await first.click();
  await pop.locator('a').click();
  const note = page.locator(`.para[data-note="${n}"]`);
  await page.waitForSelector(`.para[data-note="${n}"][data-target]`);
  await note.locator('a.fn-back').click();
  // The note stays the target until the route is drawn: wait for the
  // target to move rather than read the first one found.
  await page.waitForSelector('.para[data-target]:not([data-note])');
  const back = await page.$('.para[data-target]');
  assert.ok(await back.$(`button.fn-ref[data-note="${n}"]`), 'back at the paragraph citing the note');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('speaker turns, editorial marks and sic notes are marked up distinctly', async () => {
  const { page, errors } = await open(browser.context, '#doc=1955-09-21-parliamentary-delegation');
  await ready(page);
  assert.ok(await page.locator('.turn[data-mode="direct"] .speaker-label').count() > 3);
  assert.ok(await page.locator('.editorial').count() > 0);
  const sic = page.locator('.sic').first();
  const described = await sic.getAttribute('aria-describedby');
  assert.match(await page.locator(`#${described}`).textContent(), /Editor's note on “Masumoto”: Shunichi Matsumoto/);
  await sic.focus();
  await shot(page, 'sic-1280-light');
  await page.goto(`${PAGE_URL}#doc=1961-09-14-yamada-reception`);
  await ready(page);
  assert.ok(await page.locator('.turn[data-mode="reported"] .turn-label').count() > 0, 'reported speech labelled');
  await shot(page, 'reported-1280-light');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Cite shows a Chicago-style citation with the permalink (formats: cite.test.mjs)', async () => {
  const id = '1956-10-17-khrushchev-kono';
  const { page, errors } = await open(browser.context, `#doc=${id}&p=4`);
  await ready(page);
  // Record what reaches the clipboard (reading it back needs a permission headless lacks).
  await page.evaluate(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (t) => { window.copied = t; return write(t); };
  });
  await page.click('button.cite');
  // The clipboard may be refused (headless, iframes): then the citation is shown selected.
  const text = await Promise.race([
    page.waitForSelector('.cite-status:has-text("Copied")').then(() => page.evaluate(() => window.copied)),
    page.waitForSelector('.popover textarea.cite-text').then((el) => el.inputValue()),
  ]);
  assert.match(text, /^“Memorandum of Conversation of N\.S\. Khrushchev with I\. Kono on October 17, 1956,” October 17, 1956, Wilson Center Digital Archive/);
  // The permalink is relative to the file (no --base-url): never this machine's file:/// path.
  assert.ok(text.endsWith(`, para. 4, docent.html#doc=${id}&p=4.`), text);
  assert.doesNotMatch(text, /file:/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('inside an iframe (file://): a deep link opens the paragraph', async () => {
  const embed = pathToFileURL(join(ROOT, 'tests/browser/embed.html')).href;
  const { page, requests, errors } = await open(browser.context, '', { url: embed });
  const frame = page.frameLocator('iframe');
  const target = frame.locator('#p-7');
  await target.waitFor();
  assert.equal(await target.getAttribute('data-target'), 'yes');
  assert.ok(await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight + r.height;
  }), 'in view inside the frame');
  await shot(page, 'iframe-deeplink-1280-light');
  // Navigation inside the frame works too.
  await frame.locator('.crumbs a').click();
  await frame.locator('.library').waitFor();
  await frame.locator('.doc-card a').first().click();
  await frame.locator('article.doc').waitFor();
  await shot(page, 'iframe-1280-light');
  assert.deepEqual(requests, [embed, PAGE_URL], 'the embedding page and the reader, nothing else');
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshots at 360 and 1280 px, light and dark', async () => {
  for (const width of [360, 1280]) {
    for (const colorScheme of ['light', 'dark']) {
      for (const [name, hash] of [['library', ''], ['reader', '#doc=1955-09-21-parliamentary-delegation&p=20'], ['chapter', '#doc=saito-normalization-chapter']]) {
        const { page, errors } = await open(browser.context, hash, { width, height: 800, colorScheme });
        await ready(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} at ${width}px scrolls sideways by ${overflow}px`);
        await shot(page, `${name}-${width}-${colorScheme}`);
        assert.deepEqual(errors, []);
        await page.close();
      }
    }
  }
});

test('a reader whose engine cannot start shows a readable error, not a blank page', async () => {
  const html = replaceBlock(readFileSync(DIST, 'utf8'), 'docent-wasm', Buffer.from([0, 1, 2, 3, 4, 5]));
  mkdirSync(ARTIFACTS, { recursive: true });
  const broken = join(ARTIFACTS, 'broken-engine.html');
  writeFileSync(broken, html);
  const { page } = await open(browser.context, '', { url: pathToFileURL(broken).href });
  await page.waitForSelector('body[data-state="error"] .error-box[role="alert"]');
  const text = await page.locator('.error-box').innerText();
  assert.match(text, /The reader could not start/);
  assert.ok(text.length > 60, text);
  await shot(page, 'error-1280-light');
  await page.close();
});

test('axe-core finds no accessibility violations (library, document, footnote pop-up; light and dark)', async () => {
  const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const audit = async (page, what) => {
    await page.evaluate(axe); // through DevTools: the page's CSP does not apply
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.length}× ${v.nodes[0].target.join(' ')} — ${v.help}`);
    });
    assert.deepEqual(result, [], `${what}: axe violations`);
  };
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await open(browser.context, '', { colorScheme });
    await ready(page);
    await audit(page, `library (${colorScheme})`);
    await page.goto(`${PAGE_URL}#doc=1955-09-21-parliamentary-delegation&p=20`);
    await page.waitForSelector('#p-20[data-target]');
    await audit(page, `document (${colorScheme})`);
    await page.goto(`${PAGE_URL}#doc=saito-normalization-chapter`);
    await page.waitForSelector('article.doc[data-doc="saito-normalization-chapter"]');
    await page.locator('button.fn-ref').first().click();
    await page.waitForSelector('.popover');
    await audit(page, `footnote pop-up (${colorScheme})`);
    await page.close();
  }
});

test('an unknown or hostile fragment shows a readable message as text', async () => {
  const hostile = '<img src=x onerror="document.title=\'pwned\'">';
  const { page, requests, errors } = await open(browser.context, `#doc=${encodeURIComponent(hostile)}&p=999`);
  await ready(page);
  const box = page.locator('main .error-box[role="alert"]');
  await box.waitFor();
  assert.ok((await box.innerText()).includes(`no document with id \`${hostile}\``));
  assert.equal(await page.locator('main img').count(), 0);
  assert.notEqual(await page.title(), 'pwned');
  await box.locator('a').click();
  await page.waitForSelector('.library');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});
