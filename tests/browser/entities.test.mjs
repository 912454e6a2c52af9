// The entity widget in the built reader (dist/docent.html, headless Chromium,
// file://): mentions highlighted by kind in the reader, the toggle, the entity
// panel (card, mentions by document in date order, links to paragraphs,
// co-mentions, timeline), Escape returning focus, ambiguous names, the A–Z
// index by kind, deep links, one request and no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, open, ready, shot, PAGE_URL, ROOT } from './helpers.mjs';

// Names found in the text (not registered) come and go as detection
// improves; the gold set counts the register's mentions only.
const BIN = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release/docent');
const FOUND = new Set(JSON.parse(execFileSync(BIN, ['entities', '--json', '--corpus', join(ROOT, 'corpus')]))
  .filter((e) => e.registered === false).map((e) => e.id));
const registeredMentions = (page) => page.$$eval('button.mention',
  (bs, found) => bs.filter((b) => !b.dataset.entity.split(' ').some((id) => found.includes(id))).length, [...FOUND]);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const KONO = '1956-10-17-khrushchev-kono';

async function reader(hash) {
  const r = await open(browser.context, hash);
  await ready(r.page);
  await r.page.waitForSelector('article.doc[data-mentions="on"]');
  return r;
}

test('mentions are highlighted by kind in the reader and the text is unchanged', async () => {
  const { page, requests, errors } = await reader(`#doc=${KONO}`);
  const kinds = await page.$$eval('button.mention', (bs) => [...new Set(bs.map((b) => b.dataset.kind))].sort());
  assert.ok(kinds.includes('person') && kinds.includes('place') && kinds.includes('organization'), kinds.join());
  // The gold set of this document holds 78 mentions.
  assert.equal(await registeredMentions(page), 78);
  // Brackets stay inside the mention and the text reads the same.
  const ldp = await page.$$eval('button.mention[data-entity="ldp"]', (bs) => bs.map((b) => b.textContent));
  assert.ok(ldp.includes('[Liberal Democratic] Party'), ldp.join(' | '));
  const para4 = await page.$eval('#p-4 .p-text', (el) => el.textContent);
  assert.match(para4, /the transfer of the referenced territory \[Habomai and Shikotan\] is the maximum/);
  // Colours differ by kind.
  const colours = await page.evaluate(() => {
    const c = (sel) => getComputedStyle(document.querySelector(sel)).textDecorationColor;
    return [c('button.mention[data-kind="person"]'), c('button.mention[data-kind="place"]')];
  });
  assert.notEqual(colours[0], colours[1]);
  await shot(page, 'entities-reader-1280-light');
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the toggle turns highlighting off and on, and is remembered', async () => {
  const { page, errors } = await reader(`#doc=${KONO}`);
  const toggle = page.locator('button.entity-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await toggle.click();
  await page.waitForSelector('article.doc[data-mentions="off"]');
  assert.equal(await page.$$eval('button.mention', (bs) => bs.length), 0);
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.match(await page.$eval('#p-4 .p-text', (el) => el.textContent), /\[Habomai and Shikotan\]/);
  // Remembered: a reload opens the document without highlighting.
  await page.reload();
  await ready(page);
  await page.waitForSelector('article.doc[data-doc]');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  assert.equal(await page.$$eval('button.mention', (bs) => bs.length), 0);
  await toggle.click();
  await page.waitForSelector('article.doc[data-mentions="on"]');
  assert.equal(await registeredMentions(page), 78);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a click opens the entity panel; Escape closes it and returns focus', async () => {
  const { page, errors } = await reader(`#doc=${KONO}`);
  const iturup = page.locator('button.mention[data-entity="iturup"]').first();
  await iturup.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#panel:not([hidden]) .entity-card[data-entity="iturup"]');
  const card = await page.$eval('#panel', (p) => ({
    title: p.querySelector('#panel-title').textContent,
    kind: p.querySelector('.entity-kind').textContent,
    names: p.querySelector('.entity-names').textContent,
    docs: [...p.querySelectorAll('.entity-doc')].map((d) => d.dataset.doc),
    dates: [...p.querySelectorAll('.entity-doc h4 .when')].map((w) => w.textContent),
    marks: [...p.querySelectorAll('.entity-mention mark')].map((m) => m.textContent),
    co: [...p.querySelectorAll('.entity-co .entity-link')].map((b) => b.dataset.entity),
    timeline: p.querySelectorAll('.entity-timeline li').length,
  }));
  assert.equal(card.title, 'Iturup');
  assert.equal(card.kind, 'place');
  assert.match(card.names, /Etorofu/);
  assert.ok(card.marks.includes('Iturup') && card.marks.includes('Etorofu'), card.marks.join());
  // Grouped by document, dated documents in date order, the undated chapter last.
  // (The FRUS records date from 1955-01 on: Kono is among, not first of, the dated.)
  assert.ok(card.docs.includes(KONO), card.docs.join());
  const dated = card.dates.filter((d) => d !== 'undated');
  assert.deepEqual(dated, [...dated].sort(), card.dates.join());
  assert.equal(card.dates[card.dates.length - 1], 'undated');
  assert.ok(card.co.includes('kunashir'), card.co.join());
  assert.ok(card.timeline >= 2);
  await shot(page, 'entities-panel-1280-light');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#panel[hidden]', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.entity), 'iturup', 'focus back on the mention');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mention in the panel links to its paragraph', async () => {
  const { page, errors } = await reader(`#doc=${KONO}`);
  await page.click('button.mention[data-entity="rozhetskin"]');
  await page.waitForSelector('#panel .entity-card[data-entity="rozhetskin"]');
  await page.click('#panel .entity-mention a');
  await page.waitForFunction(() => document.querySelector('.para[data-target="yes"]'));
  const target = await page.$eval('.para[data-target="yes"]', (el) => el.textContent);
  assert.match(target, /Rozhetskin recorded the conversation/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('variant spellings and names resolved by context are flagged in the panel', async () => {
  const { page, errors } = await reader('#doc=1955-09-21-parliamentary-delegation');
  const masumoto = page.locator('button.mention[data-variant="yes"]', { hasText: 'Masumoto' });
  assert.equal(await masumoto.getAttribute('data-entity'), 'matsumoto');
  await masumoto.click();
  await page.waitForSelector('#panel .entity-card[data-entity="matsumoto"]');
  const flags = await page.$$eval('#panel .flag[data-flag="variant"]', (fs) => fs.length);
  assert.ok(flags >= 1);
  await page.close();
  // "Yamada" alone is shared by two entities; in the 1961 reception it is the
  // ambassador named in the heading.
  const r = await reader('#doc=1961-09-14-yamada-reception');
  const yamadas = await r.page.$$eval('button.mention', (bs) => bs.filter((b) => b.textContent === 'Yamada').map((b) => b.dataset.entity));
  assert.ok(yamadas.length > 10);
  assert.deepEqual([...new Set(yamadas)], ['h-yamada']);
  await r.page.click('button.mention[data-entity="h-yamada"]');
  await r.page.waitForSelector('#panel .entity-card[data-entity="h-yamada"]');
  assert.ok(await r.page.$$eval('#panel .flag[data-flag="context"]', (fs) => fs.length) > 10);
  assert.deepEqual([...errors, ...r.errors], []);
  await r.page.close();
});

test('the index lists every entity A–Z by kind with counts; a deep link opens a card', async () => {
  const { page, requests, errors } = await open(browser.context, '#entities=all');
  await ready(page);
  await page.waitForSelector('.entity-index');
  const kinds = await page.$$eval('.entity-index-kind', (ss) => ss.map((s) => s.dataset.kind));
  assert.deepEqual(kinds.slice(0, 3), ['person', 'place', 'organization']);
  // People A–Z by last name, places by name.
  for (const kind of ['person', 'place']) {
    const keys = await page.$$eval(`.entity-index-kind[data-kind="${kind}"] li`, (ls) => ls.map((l) => l.dataset.sort));
    assert.deepEqual(keys, [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), `${kind}: A–Z`);
  }
  const people = await page.$$eval('.entity-index-kind[data-kind="person"] li', (ls) => ls.map((l) => l.dataset.entity));
  assert.ok(people.indexOf('adenauer') < people.indexOf('bulganin') && people.indexOf('bulganin') < people.indexOf('yoshida'));
  const k = await page.$eval('li[data-entity="khrushchev"]', (l) => Number(l.dataset.count));
  assert.ok(k > 100);
  await shot(page, 'entities-index-1280-light', { fullPage: false });
  await page.click('li[data-entity="habomai"] .entity-link');
  await page.waitForSelector('#panel .entity-card[data-entity="habomai"]');
  await page.close();

  const deep = await open(browser.context, '#entity=Etorofu');
  await ready(deep.page);
  await deep.page.waitForSelector('#panel .entity-card[data-entity="iturup"]');
  assert.deepEqual(deep.errors, []);
  await deep.page.close();
  assert.deepEqual(requests, [PAGE_URL]);
  assert.deepEqual(errors, []);
});

test('an unknown or ambiguous name offers candidates', async () => {
  const { page, errors } = await open(browser.context, '#entity=Yamada');
  await ready(page);
  await page.waitForSelector('#panel .entity-choices');
  const ids = await page.$$eval('#panel .entity-choices .entity-link', (bs) => bs.map((b) => b.dataset.entity).sort());
  assert.deepEqual(ids, ['h-yamada', 'otozo-yamada']);
  await page.click('#panel .entity-link[data-entity="otozo-yamada"]');
  await page.waitForSelector('#panel .entity-card[data-entity="otozo-yamada"]');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the panel and the index work on a small dark screen', async () => {
  const { page, errors } = await open(browser.context, '#entity=Khrushchev', { width: 360, height: 740, colorScheme: 'dark' });
  await ready(page);
  await page.waitForSelector('#panel .entity-card[data-entity="khrushchev"]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
  assert.equal(overflow, false, 'no horizontal scrolling at 360 px');
  await shot(page, 'entities-panel-360-dark');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a name found in the text, not in the register: highlighted, its card marked, its mentions listed', async () => {
  // Ryutaro Nemoto is in no register: FRUS's telegram names him without markup.
  const doc = 'frus1955-57v23p1-d95';
  const { page, errors } = await open(browser.context, `#doc=${doc}`);
  await ready(page);
  const mention = page.locator('button.mention[data-entity="ryutaro-nemoto"]').first();
  await mention.waitFor();
  assert.match(await mention.textContent(), /Nemoto/);
  await mention.click();
  const card = page.locator('#panel .entity-card[data-entity="ryutaro-nemoto"]');
  await card.waitFor();
  const panel = await page.locator('#panel').textContent();
  assert.match(panel, /Found in the text — not in the register \(person, as guessed\)/);
  assert.ok(await page.locator(`#panel a[href*="doc=${doc}"]`).count() >= 1, 'its mentions link to their paragraphs');
  // The index of names marks it too.
  await page.evaluate(() => { location.hash = '#entities'; });
  await page.waitForSelector('li[data-entity="ryutaro-nemoto"][data-registered="no"] .entity-found-mark');
  assert.deepEqual(errors, []);
  await page.close();
});
