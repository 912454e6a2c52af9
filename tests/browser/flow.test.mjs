// The page as one pipeline: a paragraph is drawn once with all its layers
// (search hits, names, footnote markers, editorial brackets), one engine
// call opens a document from a search hit, and the first-hour defects of
// issue #16 (keyboard paths counted in key presses, focus and place kept).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, ROOT } from './helpers.mjs';

let browser;
let fixtureUrl;
const temps = [];
before(async () => {
  browser = await launch();
  // A paragraph with a name across an editorial bracket (H[abomai]), a name
  // holding a search hit (Shikotan) and a footnote marker.
  const corpus = mkdtempSync(join(tmpdir(), 'docent-flow-corpus-'));
  const out = mkdtempSync(join(tmpdir(), 'docent-flow-out-'));
  temps.push(corpus, out);
  mkdirSync(join(corpus, 'documents'));
  copyFileSync(join(ROOT, 'corpus/entities.toml'), join(corpus, 'entities.toml'));
  writeFileSync(join(corpus, 'documents', '1956-10-20-fixture.txt'),
    'Title: A fixture memorandum\nDate: 1956-10-20\n\nThe islands H[abomai] and Shikotan were discussed at length ⁽¹⁾.\n\nNotes\n\n- (1) A note on the islands.\n');
  execFileSync(join(ROOT, 'target/release/docent'), ['build', '--corpus', corpus, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  fixtureUrl = pathToFileURL(join(out, 'docent.html')).href;
});
after(async () => {
  await browser.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const KONO = '1956-10-17-khrushchev-kono';

for (const width of [360, 1280]) {
  test(`one paragraph, every layer: a hit inside a name, a name across a bracket, a footnote marker (${width} px)`, async () => {
    const { page, errors } = await open(browser.context, '#doc=1956-10-20-fixture&p=0&q=Shikotan', { url: fixtureUrl, width });
    await ready(page);
    const p = await page.evaluate(() => {
      const el = document.querySelector('#p-0 .p-text');
      return {
        text: el.textContent,
        hitInName: [...el.querySelectorAll('button.mention[data-entity] mark.search-hit')].map((m) => m.textContent),
        bracketParts: [...el.querySelectorAll('.editorial')].map((e) => ({ text: e.textContent, inName: Boolean(e.closest('.mention')) })),
        habomai: [...el.querySelectorAll('.mention')].filter((m) => /H|abomai/.test(m.textContent)).map((m) => m.textContent).join(''),
        note: el.querySelector('button.fn-ref[data-note="1"]') !== null,
      };
    });
    assert.match(p.text, /The islands H\[abomai\] and Shikotan were discussed/);
    assert.deepEqual(p.hitInName, ['Shikotan']);
    assert.ok(p.bracketParts.some((b) => b.text.includes('abomai')), JSON.stringify(p.bracketParts));
    assert.equal(p.habomai, 'H[abomai]', 'the name is drawn across the bracket, in pieces');
    assert.ok(p.note, 'the footnote marker is a button');
    await shot(page, `flow-layers-${width}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('opening a document from a search hit with names on: one engine call, each paragraph written once', async () => {
  const context = browser.context;
  await context.addInitScript(() => { globalThis.__docentTest = true; });
  const { page, errors } = await open(context, '#q=Habomai');
  await ready(page);
  await page.evaluate(() => {
    const proto = Object.getPrototypeOf(globalThis.__docent.engine());
    globalThis.__calls = [];
    for (const name of ['reading', 'document', 'highlights', 'mentions', 'search']) {
      const fn = proto[name];
      proto[name] = function (...args) { globalThis.__calls.push(name); return fn.apply(this, args); };
    }
    globalThis.__writes = 0;
    new MutationObserver((list) => {
      for (const m of list) if (m.target.closest && m.target.closest('.para')) globalThis.__writes++;
    }).observe(document.getElementById('main'), { childList: true, subtree: true });
  });
  await page.click(`.result-doc[data-doc="${KONO}"] .result-hit`);
  await page.waitForFunction(() => document.body.dataset.view === 'reader' && document.querySelector('.hit-bar'));
  const r = await page.evaluate(() => ({
    calls: globalThis.__calls, writes: globalThis.__writes,
    marks: document.querySelectorAll('mark.search-hit').length,
    mentions: document.querySelectorAll('button.mention[data-entity]').length,
    both: document.querySelectorAll('.mention mark.search-hit').length,
  }));
  assert.deepEqual(r.calls, ['reading']);
  assert.equal(r.writes, 0, 'no paragraph is redrawn after it is inserted');
  assert.ok(r.marks > 0 && r.mentions > 0, JSON.stringify(r));
  assert.ok(r.both > 0, 'hits inside names keep both layers');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the results and the hit bar give the same count for a document', async () => {
  const { page } = await open(browser.context, '#q=Habomai');
  await ready(page);
  const said = await page.textContent(`.result-doc[data-doc="${KONO}"] .result-meta`);
  const n = Number(said.match(/(\d+) matching paragraph/)[1]);
  await page.click(`.result-doc[data-doc="${KONO}"] .result-hit`);
  await page.waitForSelector('.hit-bar');
  const bar = await page.textContent('.hit-count');
  assert.match(bar, new RegExp(`· ${n} matching paragraph`));
  // Escape closes the hit bar (and keeps the paragraph).
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.hit-bar'));
  assert.match(await page.evaluate(() => location.hash), /^#doc=.*&p=\d+$/);
  await page.close();
});

test('keyboard: the search box is first in tab order; one key to the first hit; few Tabs to the hit bar', async () => {
  const { page } = await open(browser.context, '#q=Habomai');
  await ready(page);
  await page.focus('a.brand');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  await page.keyboard.press('ArrowDown');
  assert.ok(await page.evaluate(() => document.activeElement.classList.contains('result-hit')));
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.closest('li').dataset.p);
  assert.ok(second !== undefined);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.hit-bar');
  await page.focus('#search-q');
  let presses = 0;
  while (presses < 15 && !(await page.evaluate(() => document.activeElement.closest('.hit-bar')))) {
    await page.keyboard.press('Tab');
    presses++;
  }
  assert.ok(presses <= 8, `${presses} Tabs from the search box to the hit bar`);
  await page.close();
});

/** Key presses on `page`, counted; `focused()` says where focus is and whether it is on screen. */
function keys(page) {
  const k = {
    presses: 0,
    press: async (key) => { k.presses++; await page.keyboard.press(key); },
    focused: () => page.evaluate(() => {
      const a = document.activeElement;
      const r = a.getBoundingClientRect();
      return { cls: a.className, id: a.id, text: a.textContent, inMain: Boolean(a.closest('#main')), shown: r.top >= 0 && r.bottom <= innerHeight && r.height > 0 };
    }),
  };
  return k;
}

test('skip link: the first Tab stop, shown only when focused, one Enter past the header to the results or the document (counted key presses)', async () => {
  // Search results: Tab, Enter → the first hit.
  const { page } = await open(browser.context, '#q=Habomai');
  await ready(page);
  assert.ok(await page.evaluate(() => document.querySelector('.skip-link').getBoundingClientRect().bottom <= 0), 'hidden until focused');
  const k = keys(page);
  await k.press('Tab');
  const link = await k.focused();
  assert.deepEqual([link.cls, link.text, link.shown], ['skip-link', 'Skip to results', true]);
  await shot(page, 'skip-link');
  await k.press('Enter');
  assert.match((await k.focused()).cls, /result-hit/);
  assert.equal(await page.evaluate(() => location.hash), '#q=Habomai', 'the fragment (the state) is untouched');
  assert.equal(k.presses, 2);
  // Without it, Tab alone: the header's tools and the results' own come first.
  await page.reload();
  await ready(page);
  const t = keys(page);
  while (t.presses < 40 && !/result-hit/.test((await t.focused()).cls)) await t.press('Tab');
  assert.ok(t.presses > k.presses + 4, `${t.presses} Tabs without the skip link`);
  // Opening a hit: the link now says where it goes in the reader.
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.view === 'reader');
  assert.equal(await page.textContent('.skip-link'), 'Skip to document');
  await page.close();
  // A document: Tab, Enter → its title; one Tab more is inside the document.
  const { page: doc } = await open(browser.context, `#doc=${KONO}`);
  await ready(doc);
  const d = keys(doc);
  await d.press('Tab');
  assert.equal((await d.focused()).text, 'Skip to document');
  await d.press('Enter');
  assert.equal((await d.focused()).id, 'doc-title');
  await d.press('Tab');
  assert.ok((await d.focused()).inMain);
  assert.equal(d.presses, 3);
  await doc.reload();
  await ready(doc);
  const dt = keys(doc);
  while (dt.presses < 40 && !(await dt.focused()).inMain) await dt.press('Tab');
  console.log(`key presses: ${k.presses} to the first hit with the skip link, ${t.presses} Tabs without; ${d.presses} into a document with it, ${dt.presses} Tabs without`);
  assert.ok(dt.presses > d.presses, `${dt.presses} Tabs into the document without the skip link`);
  await doc.close();
});

test('clauses: A and B explained, the first step by default, a new pair focuses and shows the diff, toggles keep focus', async () => {
  const { page } = await open(browser.context, '#clause=territorial');
  await ready(page);
  assert.deepEqual(await page.evaluate(() => [document.querySelector('.clause-view').dataset.a, document.querySelector('.clause-view').dataset.b]), ['0', '1']);
  assert.match(await page.textContent('.clause-help'), /Choose A on one card and B on another/);
  await page.click('a[data-key="b:3"]');
  await page.waitForFunction(() => document.querySelector('.clause-view').dataset.b === '3');
  const r = await page.evaluate(() => {
    const t = document.getElementById('diff-title');
    const box = t.getBoundingClientRect();
    return { focused: document.activeElement === t, inView: box.top >= 0 && box.top < innerHeight };
  });
  assert.deepEqual(r, { focused: true, inView: true });
  await page.focus('input[name="punct"]');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => location.hash.includes('ignore=punct'));
  assert.equal(await page.evaluate(() => document.activeElement.name), 'punct');
  await page.close();
});

test('Compare with…: keeps the place, no self match, the diff shown where it is drawn', async () => {
  const { page } = await open(browser.context, `#doc=${KONO}&p=9`);
  await ready(page);
  const y = await page.evaluate(() => scrollY);
  // A click without scrolling to the header first (as a mouse user with the
  // header in view, or a keyboard user, does it).
  await page.evaluate(() => document.querySelector('.compare-button').click());
  await page.waitForSelector('.compare-hits, #panel p');
  assert.equal(await page.evaluate(() => scrollY), y, 'the document did not move');
  const self = await page.evaluate((doc) => document.querySelectorAll(`.compare-hit[data-doc="${doc}"][data-p="9"]`).length, KONO);
  assert.equal(self, 0);
  await page.click('.compare-hit button');
  await page.waitForSelector('.compare-diff h3');
  const inView = await page.evaluate(() => {
    const r = document.querySelector('.compare-diff h3').getBoundingClientRect();
    const p = document.getElementById('panel').getBoundingClientRect();
    return r.top >= p.top - 1 && r.top < Math.min(p.bottom, innerHeight);
  });
  assert.ok(inView);
  await page.close();
});

test('entity card: a sheet on a phone (the reader keeps its place), grouped mentions, a link from the index', async () => {
  const { page } = await open(browser.context, `#doc=${KONO}&p=7`, { width: 360, height: 740 });
  await ready(page);
  const y = await page.evaluate(() => scrollY);
  await page.click('#p-7 button.mention');
  await page.waitForSelector('#panel:not([hidden]) .entity-card');
  const r = await page.evaluate(() => {
    const b = document.getElementById('panel').getBoundingClientRect();
    return { y: scrollY, top: b.top, bottom: b.bottom, h: innerHeight };
  });
  assert.equal(r.y, y);
  assert.ok(r.top >= 0 && r.bottom <= r.h + 1, JSON.stringify(r));
  await page.close();
  const { page: p2 } = await open(browser.context, '#entities=all');
  await ready(p2);
  await p2.click('.entity-index-list a[data-entity="khrushchev"]');
  await p2.waitForSelector('#panel .entity-card');
  assert.match(await p2.evaluate(() => location.hash), /entity=khrushchev/);
  const longest = await p2.evaluate(() => Math.max(...[...document.querySelectorAll('.entity-doc > ol')].map((o) => o.children.length)));
  assert.ok(longest <= 3, `${longest} mentions shown at once for one document`);
  assert.ok(await p2.$('.entity-year select'));
  await p2.close();
});

test('search: syntax shown, OR understood, corrections said, ways on from no results, by date, undated out of year filters, speaker once', async () => {
  const { page } = await open(browser.context, '#q=kruschev');
  await ready(page);
  assert.match(await page.textContent('.showing-for'), /Showing results for khrushchev/i);
  assert.ok(await page.$('details.search-syntax'));
  assert.match(await page.textContent('details.search-syntax'), /Habomai OR Shikotan/);
  // OR is understood (a chip shows its alternatives); one without a word on each side is said.
  await page.evaluate(() => { location.hash = '#q=Habomai%20OR%20Okinawa'; });
  await page.waitForSelector('.chip[data-what="or"]');
  assert.equal(await page.$('.search-notice'), null);
  await page.evaluate(() => { location.hash = '#q=Habomai%20OR'; });
  await page.waitForFunction(() => /OR joins a word or phrase/.test(document.querySelector('.search-notice')?.textContent));
  await page.evaluate(() => { location.hash = '#q=zzzqqq'; });
  await page.waitForSelector('.search-tries');
  assert.ok(await page.evaluate(() => document.querySelector('details.search-syntax').open));
  await page.evaluate(() => { location.hash = '#q=treaty&order=date'; });
  await page.waitForFunction(() => document.querySelector('.search-order a[aria-current="true"]')?.textContent === 'by date');
  const dates = await page.evaluate(() => [...document.querySelectorAll('.result-meta')].map((m) => m.textContent.split(' · ')[0]));
  assert.deepEqual(dates, [...dates].sort());
  await page.evaluate(() => { location.hash = '#q=treaty%201956'; });
  await page.waitForFunction(() => document.querySelector('.search-results')?.dataset.query === 'treaty 1956');
  const undated = await page.evaluate(() => [...document.querySelectorAll('.result-meta')].filter((m) => m.textContent.startsWith('undated')).length);
  assert.equal(undated, 0);
  await page.evaluate(() => { location.hash = '#q=Habomai%20speaker%3AKhrushchev'; });
  await page.waitForSelector('.result-hit');
  const doubled = await page.evaluate(() => [...document.querySelectorAll('.result-hit')].filter((a) => /^(\S+): \1\b/.test(a.textContent)).length);
  assert.equal(doubled, 0);
  await page.close();
});

test('data shown right: the tagline spans the library, no "Missing: Missing:", metadata closed on a phone, the French text lang=fr', async () => {
  const { page } = await open(browser.context, '', { width: 360, height: 740 });
  await ready(page);
  assert.match(await page.textContent('.tagline'), /1875–1961/);
  assert.doesNotMatch(await page.textContent('#main'), /Missing:\s*Missing:/);
  await page.evaluate((id) => { location.hash = `#doc=${id}`; }, KONO);
  await page.waitForSelector('article.doc');
  assert.equal(await page.evaluate(() => document.querySelector('details.meta-block').open), false);
  // The French text is marked French (front matter `language: fr`); an English one is not.
  await page.evaluate(() => { location.hash = '#doc=1956-10-19-joint-declaration-fr-unts'; });
  await page.waitForSelector('article.doc[data-doc="1956-10-19-joint-declaration-fr-unts"] .doc-body[lang="fr"]');
  assert.equal(await page.$eval('.doc-body .para', (p) => p.closest('[lang]').lang), 'fr');
  await page.evaluate((id) => { location.hash = `#doc=${id}`; }, KONO);
  await page.waitForSelector(`article.doc[data-doc="${KONO}"]`);
  assert.equal(await page.$eval('.doc-body', (b) => b.getAttribute('lang')), null);
  await page.close();
});
