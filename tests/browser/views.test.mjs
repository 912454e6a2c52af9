// Every view, at 360 and 1280 px, light and dark: axe-core finds no
// accessibility violations, nothing scrolls sideways, the page makes exactly
// one request (itself) and logs no console error. A screenshot of each lands
// in tests/artifacts/view-<name>-<width>-<scheme>.png (look at them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, ready, shot, ROOT, PAGE_URL } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

// [name, fragment, what shows the view is rendered]
const VIEWS = [
  ['library', '', (p) => p.waitForSelector('.library')],
  ['document', '#doc=1956-10-17-khrushchev-kono&p=11', (p) => p.waitForSelector('article.doc[data-mentions="on"] #p-11[data-target]')],
  ['search', '#q=Habomai%20Shikotan', (p) => p.waitForFunction(() => document.body.dataset.view === 'search' && document.querySelector('.search-count'))],
  ['entity-panel', '#entity=Etorofu', (p) => p.waitForSelector('#panel .entity-card[data-entity="iturup"]')],
  ['entity-index', '#entities=all', (p) => p.waitForSelector('.entity-index')],
  ['diff', '#clause=territorial&a=7&b=8', (p) => p.waitForSelector('.diff-text')],
  ['versions', '#clause=territorial&mode=table&base=8', (p) => p.waitForSelector('.version-table')],
  ['grid', '#grid=query%3AHabomai', (p) => p.waitForSelector('.grid[data-complete="yes"]')],
  ['notes', '#notes=all', (p) => p.waitForSelector('.notes-view')],
];

async function audit(page) {
  await page.evaluate(AXE); // evaluated through DevTools: the page's CSP does not apply
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.length}× ${v.nodes[0].target.join(' ')} — ${v.help}`);
  });
}

for (const [name, hash, shown] of VIEWS) {
  test(`view ${name}: no axe violations, no sideways scroll, one request, no errors (360/1280, light/dark)`, async () => {
    for (const width of [360, 1280]) {
      for (const colorScheme of ['light', 'dark']) {
        const what = `${name} at ${width}px ${colorScheme}`;
        const { page, requests, errors } = await open(browser.context, hash, { width, colorScheme });
        await ready(page);
        await shown(page);
        assert.deepEqual(await audit(page), [], `${what}: axe violations`);
        const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        assert.ok(scroll <= client, `${what} scrolls sideways by ${scroll - client}px`);
        await shot(page, `view-${name}-${width}-${colorScheme}`);
        assert.deepEqual(requests, [PAGE_URL], `${what}: requests`);
        assert.deepEqual(errors, [], `${what}: console errors`);
        await page.close();
      }
    }
  });
}
