// Reads and rewrites the data blocks `docent build` inlines in the page: the
// wasm (`docent-wasm`) and the collection bundle (`docent-bundle`), each as
// base64 in <script type="application/octet-stream"> blocks, the first with
// the id and the encoding, the rest `data-part-of="ID"`. Used by the
// benchmarks, the browser tests and scripts/fuzz.sh (one reader of the format
// besides www/js/engine.js).
import { inflateRawSync, deflateRawSync } from 'node:zlib';

const BLOCK = /<script type="application\/octet-stream" (id|data-part-of)="([^"]+)"(?: data-encoding="([^"]*)")?>([^<]*)<\/script>\n?/g;

/** { base64, encoding } of the blocks of `id` in `html`, or null if it has none. */
export function blockData(html, id) {
  let base64 = '';
  let encoding = null;
  for (const m of html.matchAll(BLOCK)) {
    if (m[2] !== id) continue;
    if (m[1] === 'id') encoding = m[3] || 'none';
    base64 += m[4];
  }
  return encoding === null ? null : { base64, encoding };
}

/** The plain bytes of the blocks of `id` (inflated), or null if the page has none. */
export function blockBytes(html, id) {
  const data = blockData(html, id);
  if (!data) return null;
  const packed = Buffer.from(data.base64, 'base64');
  if (data.encoding === 'none') return packed;
  if (data.encoding === 'deflate-raw') return inflateRawSync(packed);
  throw new Error(`${id}: unknown encoding ${data.encoding}`);
}

/** `html` with the blocks of `id` replaced by one block holding `bytes`, deflated. */
export function replaceBlock(html, id, bytes) {
  let done = false;
  return html.replace(BLOCK, (all, kind, name) => {
    if (name !== id) return all;
    if (kind !== 'id' || done) return '';
    done = true;
    return `<script type="application/octet-stream" id="${id}" data-encoding="deflate-raw">${deflateRawSync(bytes).toString('base64')}</script>\n`;
  });
}

// `node bench/page-data.mjs PAGE ID OUT` writes the plain bytes of a block (for scripts).
if (import.meta.url === `file://${process.argv[1]}`) {
  const [page, id, out] = process.argv.slice(2);
  const { readFileSync, writeFileSync } = await import('node:fs');
  const bytes = blockBytes(readFileSync(page, 'utf8'), id);
  if (!bytes) {
    console.error(`${page} has no ${id} blocks`);
    process.exit(1);
  }
  writeFileSync(out, bytes);
}
