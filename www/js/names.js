// Owns: the Names toggle in the header (highlight the people, places,
// organizations and documents named in the text, or not) and the saved
// choice. The reader asks `namesOn()` when it asks the engine for a
// document; a click renders the current view again through the router.
import { h, announce } from './dom.js';
import { href, refresh } from './router.js';
import { addHeaderTool } from './shell.js';
import { collectionReady } from './engine.js';

// The saved choice is read once the collection is ready, not at start: the
// first localStorage access of a page costs milliseconds the library should
// not wait for, and names are only drawn in documents.
let highlighting = true;
let restored = false;

function restore() {
  if (restored) return;
  restored = true;
  try { highlighting = localStorage.getItem('docent.entities') !== 'off'; } catch { /* file:// without storage */ }
  show();
}

/** Are name mentions drawn in the reader? */
export function namesOn() {
  restore();
  return highlighting;
}

const toggle = h('button', {
  type: 'button', class: 'entity-toggle', 'aria-pressed': 'true',
  title: 'Highlight the people, places, organizations and documents named in the text',
  on: { click: () => set(!namesOn()) },
}, 'Names');
const indexLink = h('a', { class: 'entity-index-link', href: href({ entities: 'all' }) }, 'Index of names');
addHeaderTool(h('div', { class: 'entity-tools' }, toggle, indexLink));
document.body.dataset.entities = 'on'; // CSS hook
collectionReady().then(restore, () => {});

function show() {
  toggle.setAttribute('aria-pressed', String(highlighting));
  document.body.dataset.entities = highlighting ? 'on' : 'off';
}

function set(on) {
  restored = true;
  highlighting = on;
  show();
  try { localStorage.setItem('docent.entities', on ? 'on' : 'off'); } catch { /* file:// without storage */ }
  refresh();
  announce(on ? 'Names highlighted' : 'Name highlighting off');
}
