// Owns: the embedding API: a page that holds the reader in an iframe may steer it
// with postMessage and hears back where the reader is. Only the embedding
// window is listened to (a reader opened on its own listens to nobody), and
// a message only ever becomes a fragment state, exactly what a link could
// carry: nothing from it is inserted as markup or run.
//
// In (from the parent), all plain objects marked `docent: 1`:
//   { docent: 1, type: 'navigate', state: { doc: 'ID', p: 3 } }   go there
//   { docent: 1, type: 'navigate', state: { q: 'Habomai' }, replace: true }
//   { docent: 1, type: 'state' }                                   say where you are
// Out (to the parent only):
//   { docent: 1, type: 'ready' }                          the collection is ready
//   { docent: 1, type: 'state', view, state: {…}, link }  after every route
//   { docent: 1, type: 'error', message, request }        a message was refused
// Messages without the `docent: 1` mark (other scripts' traffic) are ignored.
import { navigate, onRoute, currentState, permalink } from './router.js';
import { engineReady } from './engine.js';

const MAX_KEYS = 12;
const MAX_VALUE = 2000;

/** The fragment state a `navigate` message asks for, or throws saying what is wrong. */
export function validState(state) {
  if (state === null || typeof state !== 'object' || Array.isArray(state) || Object.getPrototypeOf(state) !== Object.prototype) {
    throw new Error('`state` must be a plain object such as {doc: "ID", p: 3}');
  }
  const keys = Object.keys(state);
  if (keys.length > MAX_KEYS) throw new Error(`\`state\` has ${keys.length} keys; at most ${MAX_KEYS}`);
  const out = {};
  for (const key of keys) {
    if (!/^[a-z]{1,20}$/.test(key)) throw new Error(`\`state\` key ${JSON.stringify(key.slice(0, 40))} is not a fragment key (lowercase letters, e.g. doc, p, q)`);
    const value = state[key];
    if (typeof value === 'number') {
      if (!Number.isInteger(value) || value < 0) throw new Error(`\`state.${key}\` must be a whole number ≥ 0 or a string`);
      out[key] = value;
    } else if (typeof value === 'string') {
      if (value.length > MAX_VALUE) throw new Error(`\`state.${key}\` is ${value.length} characters long; at most ${MAX_VALUE}`);
      out[key] = value;
    } else if (value !== null && value !== undefined) {
      throw new Error(`\`state.${key}\` must be a string or a number, not ${Array.isArray(value) ? 'an array' : typeof value}`);
    }
  }
  return out;
}

function post(message) {
  parent.postMessage({ docent: 1, ...message }, '*');
}

/** Where the reader is, as the `state` message says it. */
function stateMessage(view) {
  const state = currentState();
  return { type: 'state', view, state, link: permalink(state), ready: engineReady() };
}

function handle(data) {
  if (typeof data.type !== 'string') throw new Error('`type` must be "navigate" or "state"');
  if (data.type === 'navigate') {
    navigate(validState(data.state), { replace: data.replace === true });
  } else if (data.type === 'state') {
    post(stateMessage(document.body.dataset.view || ''));
  } else {
    throw new Error(`unknown message type ${JSON.stringify(data.type.slice(0, 40))}: use "navigate" or "state"`);
  }
}

if (window.parent !== window) {
  addEventListener('message', (ev) => {
    if (ev.source !== window.parent) return;
    const data = ev.data;
    if (data === null || typeof data !== 'object' || data.docent !== 1) return;
    try {
      handle(data);
    } catch (err) {
      post({ type: 'error', message: err.message, request: typeof data.type === 'string' ? data.type.slice(0, 40) : null });
    }
  });
  onRoute((view) => post(stateMessage(view)));
  addEventListener('docent:ready', () => post({ type: 'ready' }));
}
