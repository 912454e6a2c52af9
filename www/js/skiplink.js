// Owns: the skip link, the page's first tab stop (in index.html, before the
// header; shown only while focused). It says where it goes — "Skip to
// results" on search results, "Skip to document" in the reader, "Skip to
// content" elsewhere — and moves focus there past the header's tools,
// without touching the fragment (the fragment is the state).
import { onRoute } from './router.js';

const link = document.querySelector('.skip-link');
const LABELS = { search: 'Skip to results', reader: 'Skip to document' };

/** Where the content of the view shown starts. */
function target(main) {
  return main.querySelector('.result-hit[tabindex="0"]') // the results' one tab stop
    || main.querySelector('.para[data-target]') // the reader's place
    || main.querySelector('h1[tabindex]')
    || main;
}

if (link) {
  link.addEventListener('click', (ev) => {
    ev.preventDefault();
    const el = target(document.getElementById('main'));
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  });
  onRoute((view) => { link.textContent = LABELS[view] || 'Skip to content'; });
}
