// The clause view and "Compare with…" in the built reader (headless Chromium,
// file://): timeline cards, inline / side-by-side / all-versions views,
// insertions and deletions readable without colour and aloud, toggles and
// the URL fragment, source links, one request, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, ready, shot, PAGE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

test('the territorial clause: timeline, inline diff with spoken marks, moved phrases', async () => {
  const { page, requests, errors } = await open(browser.context, '#clause=territorial&a=7&b=8');
  await ready(page);
  assert.equal(await page.evaluate(() => document.body.dataset.view), 'clause');
  const cards = await page.$$eval('.version-card', (cs) => cs.map((c) => [c.dataset.role, c.querySelector('time').textContent]));
  assert.ok(cards.length >= 7);
  assert.deepEqual(cards.map(([, d]) => d), [...cards.map(([, d]) => d)].sort(), 'cards by date');
  assert.equal(cards[7][0], 'a');
  assert.equal(cards[8][0], 'b');
  // Insertions underlined, deletions struck through, with spoken names.
  const marks = await page.evaluate(() => ({
    ins: [...document.querySelectorAll('.diff-text ins')].map((e) => [e.textContent, getComputedStyle(e).textDecorationLine]),
    del: [...document.querySelectorAll('.diff-text del')].map((e) => [e.textContent, getComputedStyle(e).textDecorationLine]),
    moved: [...document.querySelectorAll('.diff-text [data-moved]')].map((e) => e.dataset.moved),
  }));
  assert.ok(marks.ins.length > 0 && marks.del.length > 0);
  for (const [t, deco] of marks.ins) {
    assert.match(t, /^\[inserted/);
    assert.match(deco, /underline/);
  }
  for (const [t, deco] of marks.del) {
    assert.match(t, /^\[deleted/);
    assert.match(deco, /line-through/);
  }
  assert.ok(marks.moved.length >= 2, 'moved phrases are marked');
  assert.ok(await page.$eval('.diff-text', (e) => e.textContent.includes('Soviet Socialist Republics and Japan')));
  await shot(page, 'clause-territorial-inline', { fullPage: true });
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('toggles live in the fragment and report what they hid', async () => {
  const { page, errors } = await open(browser.context, '#clause=territorial&a=7&b=8');
  await ready(page);
  const before = await page.$eval('.diff-summary', (e) => e.textContent);
  assert.doesNotMatch(before, /spelling/);
  await page.check('input[name="spelling"]');
  await page.waitForFunction(() => location.hash.includes('ignore=spelling'));
  await page.waitForFunction(() => document.querySelector('.diff-summary').textContent.includes('spelling'));
  assert.match(await page.$eval('.diff-summary', (e) => e.textContent), /2 spelling differences hidden/);
  assert.ok(await page.$('.hidden-diff'), 'a hidden difference stays visible as such');
  assert.deepEqual(errors, []);
  await page.close();
});

test('side by side, all versions, and the agendas item by item', async () => {
  const { page, errors } = await open(browser.context, '#clause=proviso&a=4&b=5&mode=side');
  await ready(page);
  assert.equal(await page.$$eval('.diff-side .diff-col', (c) => c.length), 2);
  assert.ok(await page.$('.diff-side .diff-col:first-child del'));
  assert.ok(!(await page.$('.diff-side .diff-col:first-child ins')));
  await shot(page, 'clause-proviso-side');
  await page.goto(`${PAGE_URL}#clause=territorial&mode=table&base=7`);
  await page.waitForSelector('.version-table');
  const rows = await page.$$eval('.version-table tbody tr', (rs) => rs.length);
  assert.ok(rows >= 7);
  assert.equal(await page.$eval('.version-table tr[data-base="yes"] th', (e) => e.textContent.includes("Kono's proposal")), true);
  await page.goto(`${PAGE_URL}#clause=agendas&a=1&b=3`);
  await page.waitForSelector('.item-table');
  const changes = await page.$$eval('.item-table tbody tr', (rs) => rs.map((r) => r.dataset.change));
  assert.ok(changes.includes('reworded') && changes.includes('added'));
  await shot(page, 'clause-agendas', { fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('each version is one click from its source paragraph', async () => {
  const { page, errors } = await open(browser.context, '#clause=proviso');
  await ready(page);
  const link = page.locator('.version-card').nth(3).locator('.vc-source');
  assert.match(await link.getAttribute('href'), /^#doc=1956-09-29-matsumoto-letter-to-gromyko&p=\d+$/);
  await link.click();
  await page.waitForFunction(() => document.body.dataset.view === 'reader');
  const target = await page.$eval('.para[data-target="yes"]', (e) => e.textContent);
  assert.match(target, /negotiations on the conclusion of a peace treaty including the territorial issue/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Compare with… finds the other wordings of a selected passage', async () => {
  const { page, errors } = await open(browser.context, '#doc=1956-10-17-khrushchev-kono');
  await ready(page);
  // Select Kono's proposed wording in the reader.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('.para .p-text')].find((e) => e.textContent.includes('To meet the wishes of Japan'));
    const r = document.createRange();
    r.selectNodeContents(p);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  await page.click('.compare-button');
  await page.waitForSelector('#panel .compare-hit');
  const hits = await page.$$eval('#panel .compare-hit', (hs) => hs.map((h) => h.dataset.doc));
  assert.ok(hits.includes('1956-10-19-joint-declaration'), `hits: ${hits}`);
  const i = hits.indexOf('1956-10-19-joint-declaration');
  await page.locator('#panel .compare-hit').nth(i).locator('button').click();
  await page.waitForSelector('#panel .compare-diff ins');
  assert.match(await page.$eval('#panel .compare-diff .diff-summary', (e) => e.textContent), /similarity \d+%/);
  await shot(page, 'compare-with');
  assert.deepEqual(errors, []);
  await page.close();
});
