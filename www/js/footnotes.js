// Footnotes: a marker in the text is a button that opens its note in a
// pop-up (Escape closes it and returns focus), with a link to the note in the
// Notes list; each note links back to the paragraph that cites it.
import { h, tagOf } from './dom.js';
import { href } from './router.js';
import { openPopover } from './popover.js';
import { renderText } from './richtext.js';

/** Where notes are and where they are cited: {notes, refs}, Maps n → paragraph index. */
export function noteMaps(doc) {
  const notes = new Map();
  const refs = new Map();
  doc.paragraphs.forEach((para, i) => {
    const [tag, n] = tagOf(para.kind);
    if (tag === 'Footnote') notes.set(n, i);
    for (const s of para.spans) {
      const [st, sn] = tagOf(s.kind);
      if (st === 'FootnoteRef' && !refs.has(sn)) refs.set(sn, i);
    }
  });
  return { notes, refs };
}

/** The "back to the text" link of note `n`, or null if nothing cites it. */
export function backLink(doc, n, maps) {
  const at = maps.refs.get(n);
  if (at === undefined) return null;
  return h('a', { class: 'fn-back', href: href({ doc: doc.id, p: at }), 'aria-label': `Back to the text citing note ${n}` }, '↩ back');
}

/** Makes the footnote markers inside `root` open their notes. */
export function attachFootnotes(root, doc, maps) {
  root.addEventListener('click', (ev) => {
    const button = ev.target.closest('button.fn-ref');
    if (!button || !root.contains(button)) return;
    const n = Number(button.dataset.note);
    const at = maps.notes.get(n);
    if (at === undefined) {
      openPopover(button, `Note ${n}`,
        h('p', { class: 'popover-title' }, `Note ${n}`),
        h('p', {}, 'This note is missing from the source.'));
      return;
    }
    const para = doc.paragraphs[at];
    openPopover(button, `Note ${n}`,
      h('p', { class: 'popover-title' }, `Note ${n}`),
      h('p', { class: 'popover-note' }, renderText(para.text, para.spans)),
      h('p', {}, h('a', { href: href({ doc: doc.id, p: at }) }, `Go to note ${n} in the Notes`)));
  });
}
