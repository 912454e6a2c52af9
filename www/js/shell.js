// Owns: the page shell's slots: header tools (e.g. a search box), the
// tagline's years, the side panel (e.g. an entity panel), error boxes and
// the fatal error screen.
import { h, byId, replace } from './dom.js';

/**
 * Puts a widget (a search box, a toggle …) into the header, after the title;
 * `{first: true}` puts it before the others (the search box: first on screen,
 * first in tab order).
 */
export function addHeaderTool(node, { first = false } = {}) {
  if (first) byId('header-tools').prepend(node);
  else byId('header-tools').append(node);
}

/** Sets the years in the tagline (and the title) to the collection's span. */
export function setTagline(span) {
  const tagline = document.querySelector('header.site .tagline');
  if (!tagline || !span) return;
  const text = tagline.textContent.replace(/,\s*\d{4}(–\d{4})?\s*$/, '');
  tagline.textContent = `${text}, ${span}`;
}

let panelOpener = null;

/**
 * Opens the side panel with a heading and content, replacing what it held.
 * Escape or its Close button closes it and returns focus to where it was.
 */
export function openPanel(title, ...content) {
  const panel = byId('panel');
  if (panel.hidden) panelOpener = document.activeElement;
  const heading = h('h2', { id: 'panel-title', tabindex: '-1', text: title });
  const close = h('button', { type: 'button', class: 'panel-close', 'aria-label': 'Close panel', on: { click: closePanel } }, '×');
  panel.setAttribute('aria-labelledby', 'panel-title');
  replace(panel, h('div', { class: 'panel-head' }, heading, close), ...content);
  panel.hidden = false;
  document.body.dataset.panel = 'open';
  // No scroll: the page stays where the reader was (the panel is beside it,
  // or a sheet over it on a phone).
  heading.focus({ preventScroll: true });
  return panel;
}

/** Closes the side panel, returning focus to the element that opened it. */
export function closePanel() {
  const panel = byId('panel');
  if (panel.hidden) return;
  panel.hidden = true;
  panel.replaceChildren();
  delete document.body.dataset.panel;
  if (panelOpener && panelOpener.isConnected) panelOpener.focus();
  panelOpener = null;
}

addEventListener('keydown', (ev) => {
  const panel = document.getElementById('panel');
  // A pop-up inside the panel handles its own Escape first (and prevents the default).
  if (ev.key === 'Escape' && !ev.defaultPrevented && panel && !panel.hidden && panel.contains(document.activeElement)) {
    closePanel();
  }
});

/**
 * A readable error message block (role=alert) for an Error or a string. A
 * `TextsPending` answer (see engine.js: texts still loading) shows a waiting
 * note instead, and `retry()` runs once they are in (panels; views are
 * waited for by the router).
 */
export function errorBox(title, err, retry) {
  if (err && err.loaded && typeof err.loaded.then === 'function') {
    const note = h('p', { class: 'loading', role: 'status', dataset: { waiting: 'texts' } }, 'Opening the documents…');
    err.loaded.then(
      () => { if (note.isConnected && retry) retry(); },
      (failed) => { if (note.isConnected) note.replaceWith(errorBox(title, failed)); });
    return note;
  }
  const message = err && err.message ? err.message : String(err);
  return h('div', { class: 'error-box', role: 'alert' },
    h('h1', { text: title }),
    h('p', { text: message }),
    h('p', {}, h('a', { href: '#' }, 'Back to the library')));
}

/** Replaces the whole page content with an error screen (the engine did not start). */
export function showFatal(err) {
  document.body.dataset.state = 'error';
  const raw = err && err.message ? err.message : String(err);
  const message = raw.charAt(0).toUpperCase() + raw.slice(1);
  replace(byId('main'),
    h('div', { class: 'error-box fatal', role: 'alert' },
      h('h1', { text: 'The reader could not start' }),
      h('p', { text: message }),
      h('p', { text: 'Try a current version of Chrome, Edge, Firefox or Safari. If the file was copied or downloaded, it may be incomplete: copy it again, or rebuild it with `docent build`.' })));
}
