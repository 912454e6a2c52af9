// Views and the URL fragment. The state of the page lives in the fragment
// (`#doc=ID&p=N`, `#q=QUERY`, …), so deep links, back/forward and reloads work
// under file:// and inside an iframe. A widget that owns a whole screen
// registers a view; the first registered view (highest priority) whose
// `matches(params)` is true renders into <main>. A view that needs the
// collection (all but those registered with `engine: false`) shows a waiting
// note until the engine is ready, then renders.
import { byId, h, replace } from './dom.js';
import { errorBox } from './shell.js';
import { engineReady } from './engine.js';

const views = [];
const observers = [];
let current = null;
let rendered = false; // has any view rendered yet (ctx.initial)?

/**
 * Registers a view: `{ name, priority, matches(params), render(params, main, ctx),
 * update?(params, main) → true if handled in place, leave?(), engine? }`.
 * `params` is a URLSearchParams of the fragment; `ctx.initial` is true on the
 * first render (a deep link, also when it waited for the collection).
 * Higher `priority` is tried first (library: 0, reader: 100). `engine: false`
 * says the view renders without the collection (from the inline library rows).
 */
export function registerView(view) {
  for (const key of ['name', 'matches', 'render']) {
    if (!view[key]) throw new Error(`registerView: the view lacks \`${key}\``);
  }
  views.push(view);
  views.sort((a, b) => (b.priority || 0) - (a.priority || 0));
}

/** Calls `fn(viewName, params)` after every route (e.g. to tell an embedding page). */
export function onRoute(fn) {
  observers.push(fn);
}

function routed(name, params) {
  for (const fn of observers) {
    try { fn(name, params); } catch (err) { console.warn(err); }
  }
}

/** The current fragment parameters. */
export function currentParams() {
  return new URLSearchParams(location.hash.slice(1));
}

/** A fragment link for `{doc: 'x', p: 3}` (empty/null values left out). */
export function href(state) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(state)) {
    if (v !== null && v !== undefined && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `#${s}` : '#';
}

/** The full permanent link for a state (this file's URL plus the fragment). */
export function permalink(state) {
  return location.href.split('#')[0] + href(state);
}

/** Goes to a state: a new history entry (or replaces the current one). */
export function navigate(state, { replace = false } = {}) {
  const target = href(state);
  if (replace) {
    history.replaceState(null, '', target);
    route();
  } else if (location.hash === target || (target === '#' && location.hash === '')) {
    route();
  } else {
    location.hash = target;
  }
}

function route() {
  const params = currentParams();
  const main = byId('main');
  const view = views.find((v) => v.matches(params));
  if (!view) return;
  try {
    if (current && current.view === view && view.update && view.update(params, main) === true) {
      routed(view.name, params);
      return;
    }
    if (current && current.view !== view && current.view.leave) current.view.leave();
    if (view.engine !== false && !engineReady()) {
      // Rendered again on docent:ready.
      current = null;
      document.body.dataset.view = 'waiting';
      replace(main, h('p', { class: 'loading', role: 'status', dataset: { waiting: 'engine' } }, 'Opening the collection…'));
      routed('waiting', params);
      return;
    }
    current = { view };
    document.body.dataset.view = view.name;
    view.render(params, main, { initial: !rendered });
    rendered = true;
    routed(view.name, params);
  } catch (err) {
    current = null;
    main.replaceChildren(errorBox('This page cannot be shown', err));
    if (err && err.pending) {
      // Texts still loading (see errorBox): rendered again once they are in.
      document.body.dataset.view = 'waiting';
      routed('waiting', params);
      return;
    }
    console.warn(err);
    routed('error', params);
  }
}

/** Routes the current fragment now and on every change (hashchange, back/forward). */
export function startRouter() {
  addEventListener('hashchange', () => route());
  // The collection (or the texts a view waited for) arrived: render again
  // what waited for it or showed an error meanwhile ("still loading").
  const again = () => {
    if (!current || byId('main').querySelector('[data-waiting], .error-box')) route();
  };
  addEventListener('docent:ready', again);
  addEventListener('docent:texts', again);
  route();
}
