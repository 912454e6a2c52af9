// While a document is open, <head> carries its Highwire `citation_*` meta tags
// (engine().meta_tags), which Zotero's Embedded Metadata translator and other
// reference managers read; they are replaced when another document opens and
// removed when the reader closes.
import { h } from './dom.js';
import { engine } from './engine.js';
import { onRoute } from './router.js';

let tagged = null; // the document id the head's tags describe

function clear() {
  for (const el of document.head.querySelectorAll('meta[data-docent="citation"]')) el.remove();
  tagged = null;
}

/** Puts the citation meta tags of document `id` into <head> (replacing others). */
export function tagDocument(id) {
  if (tagged === id) return;
  clear();
  let tags;
  try {
    tags = engine().meta_tags(id);
  } catch (err) {
    console.warn(err);
    return;
  }
  document.head.append(...tags.map(([name, content]) => h('meta', { name, content, dataset: { docent: 'citation' } })));
  tagged = id;
}

onRoute((view, state) => {
  if (view === 'reader') tagDocument(state.doc);
  else if (view !== 'waiting') clear();
});
