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

test('all versions aligned: base by name, colspans, states with signs, rows rebuild each version', async () => {
  const { execFileSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { ROOT } = await import('./helpers.mjs');
  const view = JSON.parse(execFileSync(join(ROOT, 'target/release/docent'), ['clause', '--json', 'territorial'], { cwd: ROOT, encoding: 'utf8' }));
  const versions = view.family.versions;
  const base = versions.findIndex((v) => v.label.startsWith('Article 9 as signed (English'));
  const kono = versions.findIndex((v) => v.label === "Kono's proposal");
  const { page, errors } = await open(browser.context, '#clause=territorial&mode=table');
  await ready(page);
  // The base is chosen by the version's name.
  await page.selectOption('select[name="base"]', { label: `${versions[base].label} (1956-10-19)` });
  await page.waitForFunction((b) => location.hash.includes(`base=${b}`) && document.querySelector(`.version-table[data-base="${b}"]`), base);
  assert.equal(await page.evaluate(() => document.activeElement.name), 'base', 'focus stays on the select');
  assert.match(await page.$eval('.version-table caption', (e) => e.textContent), /Article 9 as signed \(English/);
  // Kono's row: "to meet the wishes of Japan…" in cells marked same.
  const same = await page.$$eval(`.version-table tr[data-version="${kono}"] td[data-state="same"] .vt-text`, (ts) => ts.map((t) => t.textContent).join(''));
  assert.match(same, /meet the wishes of Japan/);
  // Each row's cell texts rebuild its version; covered cells are not drawn.
  const rows = await page.$$eval('.version-table tbody tr', (rs) => rs.map((r) => [...r.querySelectorAll('td .vt-text')].map((t) => t.textContent).join('')));
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  versions.forEach((v, i) => {
    if (v.form !== 'omitted') assert.equal(norm(rows[i]), norm(v.quote), `row ${i} (${v.label}) rebuilds the version`);
  });
  assert.ok(await page.$('.version-table td[colspan]'), 'rewordings span columns');
  // Every state has a sign and a spoken word, not only a colour.
  const states = await page.$$eval('.version-table td.vt-cell:not([data-cont])', (cs) => cs.map((c) => [c.dataset.state, c.querySelector('.vt-sign') ? c.querySelector('.vt-sign').textContent : '', c.textContent]));
  for (const [state, sign, text] of states) {
    if (state === 'base') continue;
    assert.ok({ same: '=', changed: '≠', added: '+', missing: '∅' }[state] === sign, `${state} has its sign`);
    if (state === 'changed') assert.match(text, /\[differs: /);
    if (state === 'missing') assert.match(text, /\[missing\]/);
  }
  // Moved phrases are outlined and labelled.
  const moved = await page.$$eval('.version-table td[data-moved]', (cs) => cs.map((c) => [c.querySelector('.vt-moved').textContent, getComputedStyle(c).outlineStyle]));
  assert.ok(moved.length >= 1);
  for (const [label, outline] of moved) {
    assert.match(label, /^moved \d+$/);
    assert.equal(outline, 'dashed');
  }
  await shot(page, 'clause-territorial-table', { fullPage: true });
  // A link may name the base by the version's id.
  await page.goto(`${PAGE_URL}#clause=territorial&mode=table&base=${versions[base].id}`);
  await page.waitForSelector(`.version-table[data-base="${base}"]`);
  assert.equal(await page.$eval('select[name="base"]', (e) => e.value), String(base));
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.ok(scroll <= client, `scrolls sideways by ${scroll - client}px`);
  assert.deepEqual(errors, []);
  await page.close();
});
