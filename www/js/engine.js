// The engine handle. `docent build` inlines the wasm and the collection bundle
// as base64 in two inert <script type="application/octet-stream"> blocks; they
// are decoded once here, the wasm is compiled synchronously from the bytes (no
// fetch: it works from file://), and one Docent handle is made for the page.
import { initSync, Docent } from './engine-glue.js';

let handle = null;
performance.mark('docent:script');

/** Bytes of the inline data block with this id. */
function inlineBytes(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks its ${id} data: rebuild it with \`docent build\``);
  const b64 = el.textContent.trim();
  el.remove(); // the base64 is not needed any more
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(b64);
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Starts the engine once; throws an Error with a readable message if it cannot. */
export function startEngine() {
  if (handle) return handle;
  if (typeof WebAssembly !== 'object') {
    throw new Error('this browser cannot run WebAssembly, which the reader needs. Open the file in a current Chrome, Edge, Firefox or Safari.');
  }
  const wasm = inlineBytes('docent-wasm');
  const bundle = inlineBytes('docent-bundle');
  performance.mark('docent:decoded');
  try {
    initSync({ module: wasm });
  } catch (err) {
    throw new Error(`the engine (WebAssembly) in this file is damaged or cannot run here: ${err.message}`);
  }
  performance.mark('docent:compiled');
  handle = new Docent(bundle);
  return handle;
}

/**
 * The engine handle for widgets: `engine().library()`, `engine().document(id)`,
 * and the methods features add in src/wasm.rs. Calls throw Errors with
 * readable messages; catch them and show them (see `errorBox` in shell.js).
 */
export function engine() {
  if (!handle) throw new Error('the engine is not started yet');
  return handle;
}
