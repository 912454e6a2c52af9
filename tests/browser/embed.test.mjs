// The embedding API (www/js/embed.js): a course page holding the reader in an
// iframe (tests/browser/embed.html, over file://) steers it with postMessage
// and hears where it is. Hostile or malformed messages get a readable error
// reply and change nothing; nothing from a message becomes markup; messages
// from anyone but the embedding page are ignored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, ROOT, PAGE_URL } from './helpers.mjs';

const EMBED = pathToFileURL(join(ROOT, 'tests/browser/embed.html')).href;
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A new page recording its errors and requests (fragments cut off). */
async function watchedPage() {
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url().split('#')[0]));
  return { page, errors, requests };
}

/** The embedding page, collecting every message the reader sends it in `window.__got`. */
async function openEmbed() {
  const { page, errors, requests } = await watchedPage();
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__got = [];
    addEventListener('message', (e) => window.__got.push(e.data));
  });
  await page.goto(EMBED);
  await page.waitForFunction(() => window.__got.some((m) => m && m.type === 'ready'));
  const frame = page.frames().find((f) => f.url().startsWith(PAGE_URL));
  return { page, frame, errors, requests };
}

/** Posts `message` from the embedding page to the reader; resolves with the next reply matching `want`. */
async function send(page, message, want) {
  return page.evaluate(async ({ message, want }) => {
    const from = window.__got.length;
    document.querySelector('iframe').contentWindow.postMessage(message, '*');
    for (let i = 0; i < 200; i++) {
      const hit = window.__got.slice(from).find((m) => m && m.type === want);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    return null;
  }, { message, want });
}

test('the parent opens a paragraph and hears the new state', async () => {
  const { page, frame, errors, requests } = await openEmbed();
  const first = await page.evaluate(() => window.__got.filter((m) => m.type === 'state').pop());
  assert.equal(first.view, 'reader');
  assert.deepEqual(first.state, { doc: '1956-10-17-khrushchev-kono', p: '7' });
  const reply = await send(page, { docent: 1, type: 'navigate', state: { doc: '1961-09-14-yamada-reception', p: 3 } }, 'state');
  assert.equal(reply.view, 'reader');
  assert.deepEqual(reply.state, { doc: '1961-09-14-yamada-reception', p: '3' });
  assert.match(reply.link, /docent\.html#doc=1961-09-14-yamada-reception&p=3$/);
  await frame.waitForSelector('#p-3[data-target="yes"]');
  const search = await send(page, { docent: 1, type: 'navigate', state: { q: 'Habomai' } }, 'state');
  assert.equal(search.view, 'search');
  await frame.waitForSelector('.search-results');
  const asked = await send(page, { docent: 1, type: 'state' }, 'state');
  assert.deepEqual(asked.state, { q: 'Habomai' });
  assert.equal(asked.ready, true);
  assert.deepEqual(errors, []);
  assert.deepEqual([...new Set(requests)], [EMBED, PAGE_URL]);
  await page.close();
});

test('malformed and hostile messages get an error reply and change nothing', async () => {
  const { page, frame, errors } = await openEmbed();
  await frame.waitForSelector('#p-7[data-target="yes"]');
  const cases = [
    [{ docent: 1 }, /`type` must be/],
    [{ docent: 1, type: 'explode' }, /unknown message type "explode"/],
    [{ docent: 1, type: 'navigate' }, /`state` must be a plain object/],
    [{ docent: 1, type: 'navigate', state: [1, 2] }, /`state` must be a plain object/],
    [{ docent: 1, type: 'navigate', state: { 'on<x>': '1' } }, /not a fragment key/],
    [{ docent: 1, type: 'navigate', state: { q: 'x'.repeat(100000) } }, /100000 characters long; at most 2000/],
    [{ docent: 1, type: 'navigate', state: { p: -1 } }, /whole number/],
    [{ docent: 1, type: 'navigate', state: { doc: { toString: 1 } } }, /must be a string or a number, not object/],
  ];
  for (const [message, want] of cases) {
    const reply = await send(page, message, 'error');
    assert.ok(reply, `no error reply to ${JSON.stringify(message).slice(0, 80)}`);
    assert.match(reply.message, want);
  }
  // Still where it was.
  assert.equal(await frame.evaluate(() => location.hash), '#doc=1956-10-17-khrushchev-kono&p=7');
  // Markup in a value is only ever text: an unknown document named by it.
  const payload = '<img src=x onerror="parent.__pwned=1">';
  await send(page, { docent: 1, type: 'navigate', state: { doc: payload } }, 'state');
  await frame.waitForSelector('.error-box');
  assert.ok((await frame.locator('.error-box').innerText()).includes(payload));
  assert.equal(await frame.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  // Other traffic (no `docent: 1` mark) is ignored without a reply.
  const before = await page.evaluate(() => window.__got.length);
  await page.evaluate(() => document.querySelector('iframe').contentWindow.postMessage({ type: 'navigate', state: { q: 'x' } }, '*'));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__got.length), before);
  assert.deepEqual(errors.filter((e) => !/cannot be shown|no document/i.test(e)), []);
  await page.close();
});

test('only the embedding page is listened to', async () => {
  const { page, frame } = await openEmbed();
  await frame.waitForSelector('#p-7[data-target="yes"]');
  // The reader's own window (or any other) posting to it: ignored.
  await frame.evaluate(() => window.postMessage({ docent: 1, type: 'navigate', state: { q: 'Habomai' } }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await frame.evaluate(() => location.hash), '#doc=1956-10-17-khrushchev-kono&p=7');
  await page.close();
  // A reader opened on its own listens to nobody.
  const alone = await browser.context.newPage();
  await alone.goto(PAGE_URL);
  await alone.waitForSelector('.library');
  await alone.evaluate(() => window.postMessage({ docent: 1, type: 'navigate', state: { q: 'Habomai' } }, '*'));
  await alone.waitForTimeout(300);
  assert.equal(await alone.evaluate(() => location.hash), '');
  await alone.close();
});

test('a script tag embeds the reader: the host element hears it and steers it', async () => {
  const url = pathToFileURL(join(ROOT, 'tests/browser/embed-script.html')).href;
  const { page, errors, requests } = await watchedPage();
  await page.addInitScript(() => {
    if (window.top !== window) return;
    window.__heard = [];
    addEventListener('DOMContentLoaded', () => {
      const el = document.getElementById('reader');
      for (const type of ['ready', 'state', 'error']) el.addEventListener(`docent:${type}`, (e) => window.__heard.push(e.detail));
    });
  });
  await page.goto(url);
  const frameEl = page.locator('#reader > iframe');
  assert.equal(await frameEl.getAttribute('title'), 'Docent reader: Khrushchev and Kono, 17 October 1956');
  assert.equal(await page.locator('#reader a').count(), 0, 'the fallback link gives way to the reader');
  assert.equal(await frameEl.evaluate((f) => f.style.height), '30rem');
  await page.waitForFunction(() => window.__heard.some((m) => m.type === 'ready'));
  const frame = page.frames().find((f) => f.url().startsWith(PAGE_URL));
  await frame.waitForSelector('#p-7[data-target="yes"]');
  await page.evaluate(() => window.DocentEmbed.navigate(document.getElementById('reader'), { doc: '1961-09-14-yamada-reception', p: 3 }));
  await page.waitForFunction(() => window.__heard.some((m) => m.type === 'state' && m.state.doc === '1961-09-14-yamada-reception'));
  await frame.waitForSelector('#p-3[data-target="yes"]');
  await page.evaluate(() => window.DocentEmbed.navigate(document.getElementById('reader'), { doc: ['not', 'a', 'string'] }));
  await page.waitForFunction(() => window.__heard.some((m) => m.type === 'error'));
  const err = await page.evaluate(() => window.__heard.find((m) => m.type === 'error').message);
  assert.match(err, /must be a string or a number/);
  const notMounted = await page.evaluate(() => { try { window.DocentEmbed.navigate(document.body, {}); return null; } catch (e) { return e.message; } });
  assert.match(notMounted, /holds no reader/);
  assert.deepEqual(errors, []);
  const embedJs = pathToFileURL(join(ROOT, 'dist/docent-embed.js')).href;
  assert.deepEqual([...new Set(requests)].sort(), [url, embedJs, PAGE_URL].sort());
  await page.close();
});
