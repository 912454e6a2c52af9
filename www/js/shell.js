// The page shell's slots: header tools (e.g. a search box), the side panel
// (e.g. an entity panel), error boxes and the fatal error screen.
import { h, byId, replace } from './dom.js';

/** Puts a widget (a search box, a toggle …) into the header, after the title. */
export function addHeaderTool(node) {
  byId('header-tools').append(node);
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
  heading.focus();
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
 * A readable error message block (role=alert) for an Error or a string. An
 * error that only means "these texts are still loading" (`err.pending`, see
 * engine.js) shows a waiting note instead; once they are in, `retry()` runs,
 * or without one, `docent:texts` fires on window and the router renders the
 * view again.
 */
export function errorBox(title, err, retry) {
  if (err && err.pending) {
    const note = h('p', { class: 'loading', role: 'status', dataset: { waiting: 'texts' } }, 'Opening the documents…');
    err.pending.then(
      () => { if (note.isConnected) (retry || (() => dispatchEvent(new Event('docent:texts'))))(); },
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
