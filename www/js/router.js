// The page's one flow: fragment → state → view → DOM → focus and place.
//
//   hashchange / navigate()  →  parse the fragment ONCE into a plain state
//   ({doc: 'ID', p: '3', q: '…'}, strings)  →  the first view whose
//   `matches(state)` is true  →  `render(state, ctx)` returns a Node (it asks
//   the engine what it needs, once)  →  the router puts it into <main>  →
//   the router settles focus and scroll (the view's `focus`, else the rules
//   below)  →  `onRoute` listeners (embed.js tells the embedding page).
//
// The view contract (the only way anything draws into <main>):
//
//   registerView({
//     name: 'search',               // <body data-view="search"> (CSS, tests)
//     priority: 50,                 // higher is tried first; library 0, reader 100
//     engine: true,                 // false: renders without the collection
//     matches: (state) => 'q' in state && !('doc' in state),
//     render(state, ctx) { return node; },          // never writes elsewhere
//     update(state, ctx) { return true; },          // optional: handled in place
//     focus(state, ctx) { return { focus: el, scroll: el | 'top' | 'keep' }; },
//     leave() {},                                   // optional: replaced
//   });
//
// `ctx`: `{ initial, previous, same, main, focusKey }` — `initial` on the first render
// (a deep link: focus stays on the page), `previous` the state before,
// `same` when the same view renders again (a filter, a toggle, a step),
// `focusKey` the `data-key` of the element focused in <main> before.
// Without `focus` (or where it returns nothing) the router: on the same view,
// focuses the element that has the `data-key` the focused one had (a chip, a
// card's link) and keeps the scroll; on a new view, focuses its `h1[tabindex]`
// (not on first load) and scrolls to the top.
// Views wait for the collection (`collectionReady`) unless `engine: false`;
// a `TextsPending` thrown by `render` shows a waiting note and renders again
// once the texts are in. `refresh()` renders the current state again (e.g.
// the Names toggle).
import { byId, h, replace } from './dom.js';
import { errorBox } from './shell.js';
import { engineReady, collectionReady, TextsPending } from './engine.js';

const views = [];
const observers = [];
let current = null; // { view, state }
let rendered = false; // has any view rendered yet (ctx.initial)?

/** Registers a view (see the contract at the top of this file). */
export function registerView(view) {
  for (const key of ['name', 'matches', 'render']) {
    if (!view[key]) throw new Error(`registerView: the view lacks \`${key}\``);
  }
  views.push(view);
  views.sort((a, b) => (b.priority || 0) - (a.priority || 0));
}

/** Calls `fn(viewName, state)` after every route (e.g. to tell an embedding page). */
export function onRoute(fn) {
  observers.push(fn);
}

function routed(name, state) {
  for (const fn of observers) {
    try { fn(name, state); } catch (err) { console.warn(err); }
  }
}

/** The fragment as a plain state object (the one parse). */
export function parseState(hash = location.hash) {
  return Object.fromEntries(new URLSearchParams(hash.replace(/^#/, '')));
}

/** The current state. */
export function currentState() {
  return current ? { ...current.state } : parseState();
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
export function navigate(state, { replace: replaceEntry = false } = {}) {
  const target = href(state);
  if (replaceEntry) {
    history.replaceState(null, '', target);
    route();
  } else if (location.hash === target || (target === '#' && location.hash === '')) {
    route();
  } else {
    location.hash = target;
  }
}

/** Renders the current state again (a setting changed, e.g. the Names toggle). */
export function refresh() {
  route({ again: true });
}

/** The `data-key` of the focused element inside <main>, to find it again after a render. */
function focusedKey(main) {
  const el = document.activeElement;
  const keyed = el && main.contains(el) && el.closest('[data-key]');
  return keyed ? keyed.dataset.key : null;
}

/** Focus and scroll after a render: the view's wish, else the rules at the top. */
function settle(view, state, ctx, before) {
  const main = ctx.main;
  const wish = (view.focus && view.focus(state, ctx)) || {};
  let target = wish.focus || null;
  if (!target && ctx.same && before.key) {
    target = [...main.querySelectorAll('[data-key]')].find((el) => el.dataset.key === before.key) || null;
  }
  if (!target && !ctx.same && !ctx.initial) target = main.querySelector('h1[tabindex]');
  if (target) target.focus({ preventScroll: true });
  // First load: the page is where the browser put it (no forced layout
  // before the library is measured as shown).
  const scroll = wish.scroll || (ctx.initial ? 'none' : ctx.same ? 'keep' : 'top');
  if (scroll === 'top') scrollTo(0, 0);
  else if (scroll === 'keep') scrollTo(before.x, before.y);
  else if (scroll instanceof Element) scroll.scrollIntoView({ block: wish.block || 'center' });
}

function waiting(main, state, kind, text) {
  current = null;
  document.body.dataset.view = 'waiting';
  replace(main, h('p', { class: 'loading', role: 'status', dataset: { waiting: kind } }, text));
  routed('waiting', state);
}

function route({ again = false } = {}) {
  const state = parseState();
  const main = byId('main');
  const view = views.find((v) => v.matches(state));
  if (!view) return;
  const previous = current ? current.state : null;
  const same = Boolean(current && current.view === view);
  // Reading the scroll position lays the page out: not on the first route,
  // which keeps the place the browser gives it (see settle) and would only
  // delay the library's first paint.
  const before = rendered ? { key: focusedKey(main), x: scrollX, y: scrollY } : { key: null, x: 0, y: 0 };
  const ctx = { initial: !rendered, previous, same, main, focusKey: before.key };
  try {
    if (same && !again && view.update && view.update(state, ctx) === true) {
      current.state = state;
      settle(view, state, ctx, before);
      routed(view.name, state);
      return;
    }
    if (current && !same && current.view.leave) current.view.leave();
    if (view.engine !== false && !engineReady()) {
      waiting(main, state, 'engine', 'Opening the collection…');
      collectionReady().then(() => { if (!current) route(); }, () => {});
      return;
    }
    const node = view.render(state, ctx);
    current = { view, state };
    document.body.dataset.view = view.name;
    replace(main, node);
    rendered = true;
    settle(view, state, ctx, before);
    routed(view.name, state);
  } catch (err) {
    if (err instanceof TextsPending) {
      // Texts still loading (folder form): render again once they are in,
      // if the reader is still waiting for them.
      const hash = location.hash;
      waiting(main, state, 'texts', 'Opening the documents…');
      err.loaded.then(
        () => { if (location.hash === hash) route(); },
        (failed) => { if (location.hash === hash) main.replaceChildren(errorBox('This page cannot be shown', failed)); });
      return;
    }
    current = null;
    document.body.dataset.view = view.name; // the view that could not show (CSS, tests)
    main.replaceChildren(errorBox('This page cannot be shown', err));
    console.warn(err);
    routed('error', state);
  }
}

/** Routes the current fragment now and on every change (hashchange, back/forward). */
export function startRouter() {
  addEventListener('hashchange', () => route());
  route();
}
