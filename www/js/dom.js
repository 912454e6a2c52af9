// DOM helpers. Every node the page shows is made here with createElement and
// text nodes: corpus and query text only ever becomes textContent, never markup.

/**
 * Makes an element. `props`: `class`, `text` (textContent), `dataset` (object),
 * `on` (object of event listeners), any other key becomes an attribute
 * (skipped when null/undefined/false; `true` sets an empty attribute).
 * Children: nodes, strings (as text), arrays, null/false (skipped).
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children (nodes, strings, nested arrays; null/false skipped). */
export function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return el;
}

/** Removes every child of `el`, then appends `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** The element with this id (throws if the page shell lacks it). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el;
}

/** Tells screen readers something (the polite live region). */
export function announce(message) {
  const status = byId('status');
  // Clearing first makes a repeated message be read again.
  status.textContent = '';
  requestAnimationFrame(() => { status.textContent = message; });
}

/** "1 document", "3 documents". */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** Externally tagged enum values from the engine: "Body" or {Footnote: 3} → [tag, value]. */
export function tagOf(value) {
  if (typeof value === 'string') return [value, null];
  const [tag] = Object.keys(value);
  return [tag, value[tag]];
}

/** True when the user asked for less motion. */
export function reducedMotion() {
  return matchMedia('(prefers-reduced-motion: reduce)').matches;
}
