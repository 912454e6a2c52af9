// The engine handle. `docent build` inlines the wasm as base64 in an inert
// <script type="application/octet-stream"> block; it is decoded once here and
// compiled synchronously from the bytes (no fetch: it works from file://).
//
// The collection bundle comes in one of three forms:
//  - small, in the single file: a second inline block, decoded at start;
//  - large, in the single file: that block deflated (data-encoding=
//    "deflate-raw"), with the library rows inline as JSON: the library shows
//    at once and the browser inflates the bundle right after;
//  - the folder form (`docent build --shards`): the library rows inline and
//    the (packed) bundle in classic scripts `shards/NNN.js`, each calling
//    `__docentShard(i, "base64")`, added as soon as the engine starts; they
//    run after the first render.
// While the collection is pending, `engine()` throws "still loading" and views
// that need it show a waiting note (`engineReady`); when it is ready
// `docent:ready` fires on window and the router renders again.
import { initSync, Docent } from './engine-glue.js';
import { showFatal } from './shell.js';

let handle = null;
let wasmMemory = null;
let pending = null; // the collection is on its way: { count, got, rows, promise }
performance.mark('docent:script');

function fromBase64(b64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Bytes of the inline data block with this id. */
function inlineBytes(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks its ${id} data: rebuild it with \`docent build\``);
  const b64 = el.textContent.trim();
  el.remove(); // the base64 is not needed any more
  return fromBase64(b64);
}

function makeHandle(bundle) {
  handle = new Docent(bundle);
  pending = null;
  performance.mark('docent:collection');
  return handle;
}

/** Inflates raw DEFLATE with the browser's own DecompressionStream (no fetch). */
async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The handle from packed bundle bytes. */
async function unpack(bytes, encoding) {
  if (encoding === 'deflate-raw') {
    if (typeof DecompressionStream !== 'function') {
      throw new Error('this browser cannot inflate the compressed collection (no DecompressionStream). Open the file in a current Chrome, Edge, Firefox or Safari.');
    }
    bytes = await inflate(bytes);
    performance.mark('docent:inflated');
  } else if (encoding !== 'none') {
    throw new Error(`the collection is packed as "${encoding}", which this reader does not know: rebuild it with \`docent build\``);
  }
  return makeHandle(bytes);
}

/** The collection arrives later: show the inline library rows meanwhile. */
function defer(count, promise) {
  const library = document.getElementById('docent-library');
  pending = { count, got: 0, rows: library ? JSON.parse(library.textContent) : [] };
  pending.promise = promise(pending);
  pending.promise.then(
    () => dispatchEvent(new Event('docent:ready')),
    (err) => { showFatal(err); console.warn(err); });
}

/** Starts the engine once; throws an Error with a readable message if it cannot. */
export function startEngine() {
  if (handle || pending) return handle;
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser cannot run WebAssembly, which the reader needs. Open the file in a current Chrome, Edge, Firefox or Safari.');
  }
  const wasm = inlineBytes('docent-wasm');
  const manifest = document.getElementById('docent-shards');
  const block = document.getElementById('docent-bundle');
  const encoding = (block && block.dataset.encoding) || 'none';
  const bundle = manifest ? null : inlineBytes('docent-bundle');
  performance.mark('docent:decoded');
  try {
    wasmMemory = initSync({ module: wasm }).memory;
  } catch (err) {
    throw new Error(`the engine (WebAssembly) in this file is damaged or cannot run here: ${err.message}`);
  }
  performance.mark('docent:compiled');
  if (globalThis.__docentTest === true) {
    // Benchmarks and tests only (a flag set before the page loads): wasm
    // memory in bytes and the handle, to time engine calls without the DOM.
    globalThis.__docent = { memory: () => (wasmMemory ? wasmMemory.buffer.byteLength : 0), engine: () => handle };
  }
  if (manifest) {
    const info = JSON.parse(manifest.textContent);
    defer(info.count, (p) => loadShards(info, p));
  } else if (encoding !== 'none') {
    defer(1, () => unpack(bundle, encoding));
  } else {
    makeHandle(bundle);
  }
  return handle;
}

/** Adds every shard script; resolves with the handle once all have arrived. */
function loadShards(info, p) {
  return new Promise((resolve, reject) => {
    const parts = new Array(info.count);
    globalThis[info.callback] = (i, b64) => {
      if (!Number.isInteger(i) || i < 0 || i >= info.count || parts[i] || typeof b64 !== 'string') return;
      parts[i] = fromBase64(b64);
      p.got += 1;
      if (p.got < info.count) return;
      delete globalThis[info.callback];
      const bytes = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
      let at = 0;
      for (const x of parts) { bytes.set(x, at); at += x.length; }
      performance.mark('docent:shards');
      unpack(bytes, info.encoding || 'none').then(resolve, reject);
    };
    for (let i = 0; i < info.count; i++) {
      const script = document.createElement('script');
      script.src = `${info.dir}/${String(i).padStart(3, '0')}.js`;
      script.onload = () => script.remove();
      script.onerror = () => reject(new Error(`${script.src.split('/').slice(-2).join('/')} is missing or blocked: copy the whole folder (docent.html with its ${info.dir}/ folder), or rebuild it with \`docent build --shards\``));
      document.head.append(script);
    }
  });
}

/** True once the collection is loaded (always, in the single file). */
export function engineReady() {
  return handle !== null;
}

/** The library rows: from the engine, or inline while the folder form loads. */
export function libraryData() {
  if (handle) return handle.library();
  if (pending) return pending.rows;
  throw new Error('the engine is not started yet');
}

/**
 * The engine handle for widgets: `engine().library()`, `engine().document(id)`,
 * and the methods features add in src/wasm.rs. Calls throw Errors with
 * readable messages; catch them and show them (see `errorBox` in shell.js).
 */
export function engine() {
  if (handle) return handle;
  if (pending) {
    const parts = pending.count > 1 ? ` (${pending.got} of ${pending.count} parts)` : '';
    throw new Error(`the collection is still loading${parts}: try again in a moment`);
  }
  throw new Error('the engine is not started yet');
}
