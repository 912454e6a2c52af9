// Shared helpers for the browser tests: Debian's Chromium through
// playwright-core, the built reader over file://, and request/console capture.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(ROOT, 'dist/docent.html');
export const PAGE_URL = pathToFileURL(DIST).href;
export const ARTIFACTS = join(ROOT, 'tests/artifacts');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium with a fresh user-data-dir; `close()` removes it. */
export async function launch() {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`bash scripts/setup.sh\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'docent-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
  const close = async () => {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

/**
 * Opens `url` (default: the reader) plus `hash` in a new page. Returns the page
 * and live arrays of every request URL and every console error / page error.
 */
export async function open(context, hash = '', { url = PAGE_URL, width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme });
  const requests = [];
  const errors = [];
  // Fragments never reach the network: record URLs without them.
  page.on('request', (r) => requests.push(r.url().split('#')[0]));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + hash);
  return { page, requests, errors };
}

/**
 * Waits until the reader has started (or failed), its collection is loaded
 * (or failed) and it has routed.
 */
export async function ready(frame) {
  await frame.waitForFunction(() => document.body.dataset.state === 'error'
    || (document.body.dataset.engine === 'ready' && document.body.dataset.view && document.body.dataset.view !== 'waiting'));
}

/** Saves a screenshot under tests/artifacts/. */
export async function shot(page, name, options = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), ...options });
}

/** Word counts (letters, marks and digits, as the page's users see words). */
export function wordCounts(text) {
  const counts = new Map();
  for (const w of text.normalize('NFC').match(/[\p{L}\p{M}\p{N}]+/gu) || []) {
    counts.set(w, (counts.get(w) || 0) + 1);
  }
  return counts;
}

/** Words of `source` that occur fewer times in `shown`, as "word (n of m)". */
export function missingWords(source, shown) {
  const want = wordCounts(source);
  const have = wordCounts(shown);
  const missing = [];
  for (const [w, n] of want) {
    const got = have.get(w) || 0;
    if (got < n) missing.push(`${w} (${got} of ${n})`);
  }
  return missing;
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF records) and
 * throws on anything else (a bare quote or line break inside a field).
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    if (c === '"' || c === '\n' || c === '\r') throw new Error(`bare ${JSON.stringify(c)} at ${i}: not RFC 4180`);
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
