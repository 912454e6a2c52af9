// The engine handle. `docent build` inlines the wasm as base64 in an inert
// <script type="application/octet-stream"> block; it is decoded once here and
// compiled synchronously from the bytes (no fetch: it works from file://).
//
// The collection bundle comes in one of two forms:
//  - the single file: a second inline block, decoded at start;
//  - the folder form (`docent build --shards`): the library rows inline as
//    JSON (the library shows at once) and the bundle in classic scripts
//    `shards/NNN.js`, each calling `__docentShard(i, "base64")`. They are
//    added as soon as the engine starts and run after the first render; when
//    the last one has arrived the handle is made and `docent:ready` fires on
//    window. Until then `engine()` throws "still loading" and views that need
//    it show a waiting note (see `engineReady`, `whenEngine`).
import { initSync, Docent } from './engine-glue.js';
import { showFatal } from './shell.js';

let handle = null;
let wasmMemory = null;
let shards = null; // folder form: { dir, count, callback, got, rows, promise }
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
  performance.mark('docent:collection');
  return handle;
}

/** Starts the engine once; throws an Error with a readable message if it cannot. */
export function startEngine() {
  if (handle || shards) return handle;
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser cannot run WebAssembly, which the reader needs. Open the file in a current Chrome, Edge, Firefox or Safari.');
  }
  const wasm = inlineBytes('docent-wasm');
  const manifest = document.getElementById('docent-shards');
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
  if (!manifest) return makeHandle(bundle);
  const info = JSON.parse(manifest.textContent);
  const library = document.getElementById('docent-library');
  shards = { ...info, got: 0, rows: library ? JSON.parse(library.textContent) : [] };
  shards.promise = loadShards(shards);
  shards.promise.then(
    () => dispatchEvent(new Event('docent:ready')),
    (err) => { showFatal(err); console.warn(err); });
  return null;
}

/** Adds every shard script; resolves with the handle once all have arrived. */
function loadShards(s) {
  return new Promise((resolve, reject) => {
    const parts = new Array(s.count);
    globalThis[s.callback] = (i, b64) => {
      if (!Number.isInteger(i) || i < 0 || i >= s.count || parts[i] || typeof b64 !== 'string') return;
      parts[i] = fromBase64(b64);
      s.got += 1;
      if (s.got < s.count) return;
      delete globalThis[s.callback];
      const bundle = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { bundle.set(p, at); at += p.length; }
      performance.mark('docent:shards');
      try {
        resolve(makeHandle(bundle));
      } catch (err) {
        reject(err);
      }
    };
    for (let i = 0; i < s.count; i++) {
      const script = document.createElement('script');
      script.src = `${s.dir}/${String(i).padStart(3, '0')}.js`;
      script.onload = () => script.remove();
      script.onerror = () => reject(new Error(`${script.src.split('/').slice(-2).join('/')} is missing or blocked: copy the whole folder (docent.html with its ${s.dir}/ folder), or rebuild it with \`docent build --shards\``));
      document.head.append(script);
    }
  });
}

/** True once the collection is loaded (always, in the single file). */
export function engineReady() {
  return handle !== null;
}

/** A promise of the handle (resolved at once in the single file). */
export function whenEngine() {
  if (handle) return Promise.resolve(handle);
  if (shards) return shards.promise;
  return Promise.reject(new Error('the engine is not started yet'));
}

/** The library rows: from the engine, or inline while the folder form loads. */
export function libraryData() {
  if (handle) return handle.library();
  if (shards) return shards.rows;
  throw new Error('the engine is not started yet');
}

/**
 * The engine handle for widgets: `engine().library()`, `engine().document(id)`,
 * and the methods features add in src/wasm.rs. Calls throw Errors with
 * readable messages; catch them and show them (see `errorBox` in shell.js).
 */
export function engine() {
  if (handle) return handle;
  if (shards) {
    throw new Error(`the collection is still loading (${shards.got} of ${shards.count} parts): try again in a moment`);
  }
  throw new Error('the engine is not started yet');
}
