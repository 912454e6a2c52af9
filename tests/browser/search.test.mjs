// The search widget in the built reader (dist/docent.html) over file://:
// typing answers per keystroke with a count announced, `/` focuses the box,
// "did you mean", filter chips, #q= links, grouped results, and an opened hit
// scrolls to its paragraph with every hit of the document marked and n / N
// stepping through them. One request, no console errors, query text never
// becomes markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, open, ready, shot, ROOT } from './helpers.mjs';

let browser;
const temps = [];
before(async () => { browser = await launch(); });
after(async () => {
  await browser.close();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Builds a collection of `files` (name → text) with the shipped entity register; its page's URL. */
function buildCorpus(files) {
  const dir = mkdtempSync(join(tmpdir(), 'docent-search-'));
  temps.push(dir);
  mkdirSync(join(dir, 'corpus/documents'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'corpus/documents', name), text);
  copyFileSync(join(ROOT, 'corpus/entities.toml'), join(dir, 'corpus/entities.toml'));
  execFileSync(process.env.DOCENT_BIN || join(ROOT, 'target/release/docent'),
    ['build', '--corpus', join(dir, 'corpus'), '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return pathToFileURL(join(dir, 'out/docent.html')).href;
}

async function results(page) {
  await page.waitForFunction(() => document.body.dataset.view === 'search' && document.querySelector('.search-count'));
  return page.evaluate(() => ({
    total: Number(document.querySelector('.search-count').dataset.total),
    count: document.querySelector('.search-count').textContent,
    docs: [...document.querySelectorAll('.result-doc')].map((s) => s.dataset.doc),
    firstHit: document.querySelector('.result-hit')?.getAttribute('href') || null,
    marks: [...document.querySelectorAll('.result-hit mark')].map((m) => m.textContent),
    hash: location.hash,
  }));
}

test('typing searches per keystroke; / focuses the box; the count is announced', async () => {
  const { page, requests, errors } = await open(browser.context);
  await ready(page);
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
  await page.keyboard.type('kruschev okinawa', { delay: 15 });
  await page.waitForFunction(() => decodeURIComponent(location.hash).includes('okinawa'));
  const r = await results(page);
  assert.ok(r.total >= 3, r.count);
  assert.equal(r.docs[0], '1956-10-17-khrushchev-kono');
  assert.ok(r.marks.some((m) => /okinawa/i.test(m)));
  assert.equal(new URLSearchParams(r.hash.slice(1)).get('q'), 'kruschev okinawa');
  await page.waitForFunction(() => /result/.test(document.getElementById('status').textContent));
  // Typing replaced the history entry instead of adding one per keystroke.
  assert.ok(await page.evaluate(() => history.length) <= 3);
  await shot(page, 'search-results');
  assert.deepEqual(requests.filter((u) => !u.startsWith('data:')), [requests[0]]);
  assert.deepEqual(errors, []);
});

test('a #q= link is a search; did you mean; chips; nothing found', async () => {
  const { page, errors } = await open(browser.context, '#q=kno%20okinawa');
  await ready(page);
  await results(page);
  const suggestion = await page.getAttribute('.did-you-mean a', 'data-suggestion');
  assert.equal(suggestion, 'kono okinawa');
  await page.click('.did-you-mean a');
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('q') === 'kono okinawa');
  const r = await results(page);
  assert.ok(r.total > 0);
  assert.equal(await page.inputValue('#search-q'), 'kono okinawa');
  // A suggested speaker chip narrows; the active chip removes it again.
  await page.click('.chip[data-active="no"]');
  await page.waitForFunction(() => /speaker:/.test(new URLSearchParams(location.hash.slice(1)).get('q')));
  await page.click('.chip[data-active="yes"]');
  await page.waitForFunction(() => !/speaker:/.test(new URLSearchParams(location.hash.slice(1)).get('q')));
  await page.goto(page.url().split('#')[0] + '#q=zzqqxx');
  const none = await results(page);
  assert.equal(none.total, 0);
  assert.match(none.count, /No paragraph matches/);
  assert.deepEqual(errors, []);
});

test('query text is never markup', async () => {
  const evil = '<img src=x onerror="window.pwned=1">"Habomai';
  const { page, errors } = await open(browser.context, `#q=${encodeURIComponent(evil)}`);
  await ready(page);
  await results(page);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors, []);
});

test('an opened hit scrolls to its paragraph, marks every hit, n / N step through them', async () => {
  const { page, errors } = await open(browser.context, '#q=%22Habomai%20and%20Shikotan%22');
  await ready(page);
  const r = await results(page);
  const hit = new URLSearchParams(r.firstHit.slice(1));
  await page.click('.result-hit');
  await page.waitForFunction(() => document.querySelector('.hit-bar'));
  const state = await page.evaluate(() => ({
    view: document.body.dataset.view,
    target: document.querySelector('.para[data-target]')?.id,
    marks: [...document.querySelectorAll('mark.search-hit')].map((m) => m.textContent),
    current: document.querySelector('mark.search-hit[data-current]')?.closest('.para')?.id,
  }));
  assert.equal(state.view, 'reader');
  assert.equal(state.target, `p-${hit.get('p')}`);
  assert.ok(state.marks.length >= 2 && state.marks.every((m) => m === 'Habomai and Shikotan'), state.marks.join('|'));
  assert.equal(state.current, `p-${hit.get('p')}`);
  const counter = async () => {
    const m = /^Hit (\d+) of (\d+)\b/.exec(await page.evaluate(() => document.querySelector('.hit-count').textContent));
    assert.ok(m, 'the bar counts hits');
    return [Number(m[1]), Number(m[2])];
  };
  const [at, total] = await counter();
  assert.equal(total, state.marks.length);
  await page.locator('body').press('n');
  assert.deepEqual(await counter(), [(at % total) + 1, total]);
  await page.locator('body').press('Shift+N');
  assert.deepEqual(await counter(), [at, total]);
  await shot(page, 'search-hit-in-document');
  assert.deepEqual(errors, []);
});

test('Habomai OR Shikotan: paragraphs with either word, each marked in the results and in the reader, the OR shown as a chip', async () => {
  // The shipped collection never names one of the two islands without the
  // other, so a small one whose paragraphs name one, the other, both, neither.
  const url = buildCorpus({
    '1956-10-17-islands.txt': 'Title: Notes on the islands\nDate: 1956-10-17\n\n'
      + 'Habomai lies close to the coast of Hokkaido.\n\nShikotan is the larger of the two.\n\n'
      + 'The transfer of Habomai and Shikotan was discussed at length.\n\nOkinawa was not discussed.\n',
  });
  const { page, errors } = await open(browser.context, '#q=Habomai%20OR%20Shikotan', { url });
  await ready(page);
  const r = await results(page);
  assert.equal(r.total, 3, r.count);
  const hits = await page.evaluate(() => [...document.querySelectorAll('.result-hit')].map((a) => ({
    text: a.textContent, marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
  })));
  const only = (word, other) => hits.find((x) => x.text.includes(word) && !x.text.includes(other));
  assert.deepEqual(only('Habomai', 'Shikotan')?.marks, ['Habomai'], JSON.stringify(hits));
  assert.deepEqual(only('Shikotan', 'Habomai')?.marks, ['Shikotan'], JSON.stringify(hits));
  // The paragraph with both comes first.
  assert.deepEqual(hits[0].marks, ['Habomai', 'Shikotan']);
  // The OR is understood: no notice, and a chip showing both alternatives.
  assert.equal(await page.$('.search-notice'), null);
  assert.equal((await page.textContent('.chip[data-what="or"]')).replace(/\s+/g, ' ').trim(), 'Habomai or Shikotan ×');
  await shot(page, 'search-or');
  // The reader marks either word in every matching paragraph.
  await page.click(`.result-hit >> text=${only('Shikotan', 'Habomai').text}`);
  await page.waitForFunction(() => document.querySelector('.hit-bar'));
  const marks = await page.evaluate(() => [...document.querySelectorAll('mark.search-hit')].map((m) => m.textContent));
  assert.deepEqual(marks, ['Habomai', 'Shikotan', 'Habomai', 'Shikotan']);
  // Removing the chip removes the group from the query.
  await page.goBack();
  await page.waitForSelector('.chip[data-what="or"]');
  await page.click('.chip[data-what="or"]');
  await page.waitForFunction(() => !document.querySelector('.search-results'));
  assert.equal(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)).get('q'), null);
  assert.deepEqual(errors, []);
});
