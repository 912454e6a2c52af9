// The engine handle. `docent build` inlines the wasm and the collection bundle
// as base64 in inert <script type="application/octet-stream"> blocks placed
// AFTER the page script, deflated (data-encoding="deflate-raw") and cut into
// short blocks (the first has the id, the rest data-part-of="ID"). The library
// rows come inline as JSON before the script. So the page opens in two steps:
//  1. at once, while the browser still parses the engine: the library, from
//     the inline rows;
//  2. once the page is parsed: the blocks are decoded, inflated with the
//     browser's own DecompressionStream (no fetch: it works from file://), the
//     wasm compiled and the collection decoded.
// The folder form (`docent build --shards`) has no bundle blocks but a
// manifest: classic scripts `shards/NNN.js`, each calling
// `__docentShard(i, "base64")`, are added instead; they hold the collection
// without its texts and passage index. Those come in parts,
// `shards/part-NNN.js` calling `__docentPart(k, "base64")`, added on demand:
// an engine call that reads a document (or the passage index) not loaded yet
// throws an Error whose `parts` the engine names. Ask such questions through
// `ask(fn)`: it turns that error into a `TextsPending` (a typed answer, not a
// failure) whose `loaded` promise settles once the parts are in; the router
// (or `errorBox` in a panel) shows a waiting note and asks again then.
// Until the collection is ready, `engine()` throws "still loading";
// `collectionReady()` is the promise the router waits on. body[data-engine]
// ("loading", "ready", "error") is for CSS and tests only; `docent:ready` on
// window is for the embedding page (embed.js), not for the page's own logic.
import { initSync, Docent } from './engine-glue.js';
import { showFatal } from './shell.js';

let handle = null;
let wasmMemory = null;
let pending = null; // the collection is on its way: { count, got, rows }
let onDemand = null; // folder form: { info, loading: Map(part → Promise), arrived: Map(part → resolve) }
performance.mark('docent:script');
let resolveReady;
let rejectReady;
const readyPromise = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
readyPromise.catch(() => {}); // a failed start is shown by showFatal, not as an unhandled rejection

/** Resolves once the collection is loaded (rejects if the engine cannot start). */
export function collectionReady() {
  return readyPromise;
}

/**
 * The answer "these texts are not loaded yet" (folder form): `loaded`
 * resolves once the parts are added, and the same question can be asked again.
 */
export class TextsPending extends Error {
  constructor(message, loaded) {
    super(message);
    this.name = 'TextsPending';
    this.loaded = loaded;
  }
}

/**
 * Asks the engine a question that may read texts: `ask((e) => e.reading(id))`.
 * Throws `TextsPending` when texts must be loaded first (and starts loading
 * them), or the engine's Error with its readable message.
 */
export function ask(question) {
  const e = engine();
  try {
    return question(e);
  } catch (err) {
    if (err && Array.isArray(err.parts) && onDemand) throw new TextsPending(err.message, loadParts(err.parts));
    throw err;
  }
}

function fromBase64(b64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** The packed bytes of the inline data blocks `id` and their encoding; the blocks are removed. */
function inlineData(id) {
  const first = document.getElementById(id);
  if (!first) throw new Error(`the page lacks its ${id} data: rebuild it with \`docent build\``);
  const blocks = [first, ...document.querySelectorAll(`script[data-part-of="${id}"]`)];
  const b64 = blocks.map((el) => el.textContent.trim()).join('');
  for (const el of blocks) el.remove(); // the base64 is not needed any more
  let bytes;
  try {
    bytes = fromBase64(b64);
  } catch {
    throw new Error(`the ${id} data in this file is damaged (not base64): copy the file again, or rebuild it with \`docent build\``);
  }
  return { bytes, encoding: first.dataset.encoding || 'none' };
}

/** Inflates raw DEFLATE with the browser's own DecompressionStream (no fetch). */
async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Plain bytes from packed ones; `what` names them in errors. */
async function unpack({ bytes, encoding }, what) {
  if (encoding === 'none') return bytes;
  if (encoding !== 'deflate-raw') {
    throw new Error(`the ${what} is packed as "${encoding}", which this reader does not know: rebuild it with \`docent build\``);
  }
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot inflate the compressed engine and collection (no DecompressionStream). Open the file in a current Chrome, Edge, Firefox or Safari.');
  }
  try {
    return await inflate(bytes);
  } catch {
    throw new Error(`the ${what} in this file is damaged (it does not inflate): copy the file again, or rebuild it with \`docent build\``);
  }
}

/**
 * The compiled engine. Packed wasm streams through the inflater straight into
 * the browser's streaming compiler, which compiles off the main thread while
 * the bytes arrive.
 */
async function compile(data) {
  const what = 'engine (WebAssembly)';
  try {
    if (data.encoding === 'deflate-raw' && typeof WebAssembly.compileStreaming === 'function'
      && typeof DecompressionStream === 'function') {
      const stream = new Blob([data.bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
      return await WebAssembly.compileStreaming(new Response(stream, { headers: { 'Content-Type': 'application/wasm' } }));
    }
    return new WebAssembly.Module(await unpack(data, what));
  } catch (err) {
    throw new Error(`the ${what} in this file is damaged or cannot run here: ${err.message}`);
  }
}

/** Resolves once the whole page (the data blocks after the script) is parsed. */
function parsed() {
  return new Promise((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve();
  });
}

/** Step 2: engine and collection from the data blocks (or the shards). */
async function load(p) {
  await parsed();
  const manifest = document.getElementById('docent-shards');
  const info = manifest ? JSON.parse(manifest.textContent) : null;
  const wasmData = inlineData('docent-wasm');
  const bundleData = info ? null : inlineData('docent-bundle');
  performance.mark('docent:decoded');
  // Both at once: the wasm compiles while the bundle inflates.
  const bundlePromise = info ? loadShards(info, p) : unpack(bundleData, 'collection');
  const module = await compile(wasmData);
  try {
    wasmMemory = initSync({ module }).memory;
  } catch (err) {
    throw new Error(`the engine (WebAssembly) in this file cannot start here: ${err.message}`);
  }
  performance.mark('docent:compiled');
  const bundle = await bundlePromise;
  performance.mark('docent:inflated');
  handle = new Docent(bundle);
  if (info && info.parts > 0) onDemandParts(info);
  pending = null;
  performance.mark('docent:collection');
  document.body.dataset.engine = 'ready';
}

/**
 * Starts the engine once: the library rows are usable at once, the rest
 * follows (see the top of this file). Throws an Error with a readable message
 * if it cannot even begin; later failures replace the page with a readable
 * error screen.
 */
export function startEngine() {
  if (handle || pending) return;
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser cannot run WebAssembly, which the reader needs. Open the file in a current Chrome, Edge, Firefox or Safari.');
  }
  const library = document.getElementById('docent-library');
  if (!library) throw new Error('the page lacks its library rows: rebuild it with `docent build`');
  pending = { count: 1, got: 0, rows: JSON.parse(library.textContent) };
  document.body.dataset.engine = 'loading';
  if (globalThis.__docentTest === true) {
    // Benchmarks and tests only (a flag set before the page loads): wasm
    // memory in bytes and the handle, to time engine calls without the DOM.
    globalThis.__docent = { memory: () => (wasmMemory ? wasmMemory.buffer.byteLength : 0), engine: () => handle };
  }
  load(pending).then(
    () => {
      resolveReady();
      dispatchEvent(new Event('docent:ready')); // for embed.js's parent page
    },
    (err) => {
      document.body.dataset.engine = 'error';
      rejectReady(err);
      showFatal(err);
      console.warn(err);
    });
}

/** Adds every shard script; resolves with the (packed) bundle once all have arrived. */
function loadShards(info, p) {
  p.count = info.count;
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
      unpack({ bytes, encoding: info.encoding || 'none' }, 'collection').then(resolve, reject);
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

/** The folder form: part scripts call back here (see `loadParts`). */
function onDemandParts(info) {
  onDemand = { info, loading: new Map(), arrived: new Map() };
  globalThis[info.partCallback] = (k, b64) => {
    const arrived = onDemand.arrived.get(k);
    if (!arrived || typeof b64 !== 'string') return;
    onDemand.arrived.delete(k);
    arrived(b64);
  };
}

/** Resolves once parts `list` are added to the engine (each part is loaded once). */
export function loadParts(list) {
  if (!onDemand) return Promise.resolve();
  return Promise.all(list.map((k) => {
    let p = onDemand.loading.get(k);
    if (p) return p;
    const { info } = onDemand;
    const name = `${info.dir}/part-${String(k).padStart(3, '0')}.js`;
    p = new Promise((resolve, reject) => {
      onDemand.arrived.set(k, resolve);
      const script = document.createElement('script');
      script.src = name;
      script.onload = () => script.remove();
      script.onerror = () => {
        script.remove();
        onDemand.arrived.delete(k);
        reject(new Error(`${name} is missing or blocked: copy the whole folder (docent.html with its ${info.dir}/ folder), or rebuild it with \`docent build --shards\``));
      };
      document.head.append(script);
    })
      .then((b64) => unpack({ bytes: fromBase64(b64), encoding: info.encoding || 'none' }, `part ${name}`))
      .then((bytes) => handle.add_part(bytes));
    p.catch(() => onDemand.loading.delete(k)); // a failed part may be tried again
    onDemand.loading.set(k, p);
    return p;
  }));
}

/** True once the collection is loaded. */
export function engineReady() {
  return handle !== null;
}

/** The library rows: from the engine, or inline while it loads. */
export function libraryData() {
  if (handle) return handle.library();
  if (pending) return pending.rows;
  throw new Error('the engine is not started yet');
}

/**
 * The engine handle for widgets: `engine().library()`, `engine().document(id)`,
 * and the methods features add in src/wasm.rs. Calls throw Errors with
 * readable messages; catch them and show them (see `errorBox` in shell.js).
 * A question that reads texts (documents, snippets, mentions, passages)
 * goes through `ask` so the folder form can load them.
 */
export function engine() {
  if (handle) return handle;
  if (pending) {
    const parts = pending.count > 1 ? ` (${pending.got} of ${pending.count} parts)` : '';
    throw new Error(`the collection is still loading${parts}: try again in a moment`);
  }
  throw new Error('the engine is not started yet');
}
