// Notes and bookmarks that stay (issue #17 item 3). Owns: the "Notes" view
// (`#notes=all`: every note by document and date with its citation, export
// as JSON or Markdown, import), the Bookmark / Add note buttons in the
// reader's actions, and the numbered note flags on the reader's paragraphs
// with one "Your notes" list (numbered the same on screen and on paper).
// Storage, identity, re-anchoring and file formats are notestore.js.
// The reader asks for these nodes as it renders (addReaderPart) and places
// them; after a change, the reader renders again (refresh), so nothing here
// writes into the reader's article.
import { h, replace, announce, plural } from './dom.js';
import { engine } from './engine.js';
import { registerView, href, refresh } from './router.js';
import { addHeaderTool, errorBox } from './shell.js';
import { openPopover, closePopover } from './popover.js';
import { addReaderPart } from './reader.js';
import { libraryRows } from './library.js';
import { citation } from './cite.js';
import {
  collectionOf, loadNotes, saveNotes, makeNote, reanchor, mergeImport, exportJson, exportMarkdown,
  earlierNotebooks, dropNotebook,
} from './notestore.js';

let coll = null;
let notes = null;

function collection() {
  if (!coll) {
    const tagline = document.querySelector('header.site .tagline');
    const title = (tagline && tagline.textContent.trim()) || document.title;
    coll = collectionOf(libraryRows(), title);
  }
  return coll;
}

function all() {
  if (!notes) notes = loadNotes(collection());
  return notes;
}

/** Saves `next` as the notes; on failure nothing changes and the error is thrown. */
function commit(next) {
  saveNotes(collection(), next);
  notes = next;
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const WHERE = 'Kept in this browser only (its local storage for this file), under this collection; nothing leaves this computer. Clearing the browser’s site data deletes them: export them to keep a copy.';

// ---- in the reader -----------------------------------------------------------

/** What a note would attach to: the selection in the text, else the open paragraph (`shown.p`). */
function target(shown) {
  const { doc } = shown;
  const sel = getSelection();
  const article = document.querySelector('#main article.doc');
  if (sel && sel.rangeCount && !sel.isCollapsed && article && article.contains(sel.anchorNode)) {
    const range = sel.getRangeAt(0);
    const start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    const para = start && start.closest('.para[data-p]');
    if (para) {
      const r = range.cloneRange();
      if (!para.contains(range.endContainer)) r.setEndAfter(para.lastChild);
      const p = Number(para.dataset.p);
      const text = doc.paragraphs[p].text.replace(/\s+/g, ' ');
      const words = r.toString().replace(/\s+/g, ' ').trim();
      return { p, quote: words && text.includes(words) ? words : null };
    }
  }
  return shown.p !== null ? { p: shown.p, quote: null } : null;
}

function noFocus(ev) { ev.preventDefault(); } // keep the selection when pressing the button

function addNote(button, shown) {
  const doc = shown.doc;
  const t = target(shown);
  if (!t) {
    openPopover(button, 'Add a note', h('p', {}, 'Select words in the text, or open a paragraph’s link (¶), then press Add note.'));
    announce('Select a passage first');
    return;
  }
  const area = h('textarea', { rows: '4', id: 'note-text', class: 'note-text' });
  const save = () => {
    try {
      commit([...all(), makeNote('note', doc, t.p, t.quote, area.value.trim())]);
    } catch (err) {
      replace(box.querySelector('.popover-body'), errorBox('The note was not saved', err));
      return;
    }
    closePopover();
    refresh();
    announce(`Note saved on paragraph ${t.p}`);
  };
  const box = openPopover(button, `Note on paragraph ${t.p}`,
    h('p', { class: 'popover-title' }, `Note on ¶${t.p}`),
    t.quote ? h('blockquote', { class: 'note-quote' }, t.quote) : null,
    h('label', { for: 'note-text', class: 'hint' }, 'Your note'), area,
    h('p', {}, h('button', { type: 'button', class: 'button', on: { click: save } }, 'Save note')),
    h('p', { class: 'hint' }, WHERE));
  if (box) area.focus();
}

function toggleBookmark(button, shown) {
  const t = target(shown);
  if (!t) {
    openPopover(button, 'Bookmark', h('p', {}, 'Open a paragraph’s link (¶) or select words in it, then press Bookmark.'));
    return;
  }
  const existing = all().find((n) => n.kind === 'bookmark' && n.doc === shown.doc.id && n.p === t.p);
  try {
    commit(existing ? all().filter((n) => n !== existing) : [...all(), makeNote('bookmark', shown.doc, t.p, null, '')]);
  } catch (err) {
    openPopover(button, 'Bookmark', errorBox('The bookmark was not saved', err));
    return;
  }
  refresh();
  announce(existing ? `Bookmark on paragraph ${t.p} removed` : `Paragraph ${t.p} bookmarked`);
}

function removeNote(note) {
  commit(all().filter((n) => n.id !== note.id));
}

/**
 * The reader's part (addReaderPart): the buttons, the flags on noted
 * paragraphs and the "Your notes" list of document `doc`; `current()` is the
 * reader's `{doc, p}` when a button is pressed.
 */
function readerPart(doc, current) {
  // data-key: focus comes back to the button after the reader renders again.
  const tools = h('span', { class: 'note-tools' },
    h('button', { type: 'button', class: 'note-button', dataset: { action: 'bookmark', key: 'note-bookmark' }, 'aria-haspopup': 'dialog', on: { mousedown: noFocus, click: (ev) => toggleBookmark(ev.currentTarget, current()) } }, 'Bookmark'),
    h('button', { type: 'button', class: 'note-button', dataset: { action: 'note', key: 'note-add' }, 'aria-haspopup': 'dialog', on: { mousedown: noFocus, click: (ev) => addNote(ev.currentTarget, current()) } }, 'Add note'),
    h('a', { href: href({ notes: 'all' }), class: 'note-all' }, 'All notes'));
  let changed = false;
  const mine = all().filter((n) => n.doc === doc.id).map((n) => {
    const where = reanchor(n, doc);
    if (where.moved) { n.p = where.p; changed = true; }
    return { note: n, ...where };
  }).sort((a, b) => a.p - b.p || a.note.created.localeCompare(b.note.created));
  if (changed) {
    try { commit(all()); } catch (err) { console.warn(err); }
  }
  if (!mine.length) return { tools };
  mine.forEach((m, i) => { m.n = i + 1; });
  const flags = new Map(); // p → its .note-flags
  for (const m of mine) {
    if (m.lost) continue;
    if (!flags.has(m.p)) flags.set(m.p, h('span', { class: 'note-flags' }));
    const label = m.note.kind === 'bookmark' ? `Bookmark ${m.n}` : `Note ${m.n}`;
    flags.get(m.p).append(h('a', { class: 'note-flag', href: `#note-${m.n}`, dataset: { kind: m.note.kind, n: String(m.n) }, id: `note-ref-${m.n}`, 'aria-label': label,
      on: { click: (ev) => { ev.preventDefault(); const li = document.getElementById(`note-${m.n}`); if (li) { li.scrollIntoView({ block: 'center' }); li.focus(); } } } },
    h('sup', {}, m.note.kind === 'bookmark' ? `★${m.n}` : `[${m.n}]`)));
  }
  const list = h('section', { class: 'user-notes', 'aria-labelledby': 'user-notes-title' },
    h('h2', { id: 'user-notes-title' }, 'Your notes'),
    h('ol', {}, mine.map((m) => h('li', { id: `note-${m.n}`, tabindex: '-1', dataset: { kind: m.note.kind, p: String(m.p) } },
      h('a', { href: `#note-ref-${m.n}`, class: 'note-back', 'aria-label': `Back to paragraph ${m.p}`, on: { click: (ev) => { ev.preventDefault(); const r = document.getElementById(`note-ref-${m.n}`); if (r) r.focus(); } } }, `¶${m.p}`), ' ',
      m.note.kind === 'bookmark' ? h('span', { class: 'note-kind' }, 'Bookmark') : null,
      m.note.quote ? h('q', { class: 'note-quote' }, m.note.quote) : null,
      m.note.text ? h('span', { class: 'note-body' }, ` ${m.note.text}`) : null,
      m.lost ? h('span', { class: 'note-lost' }, ' (its text is not in this build of the document)') : null))),
    h('p', { class: 'hint no-print' }, WHERE, ' ', h('a', { href: href({ notes: 'all' }) }, 'All notes')));
  return { tools, flags, list };
}

addReaderPart((doc, current) => {
  try {
    return readerPart(doc, current);
  } catch (err) {
    console.warn(err);
    return null;
  }
});

addHeaderTool(h('a', { class: 'header-link notes-link', href: href({ notes: 'all' }) }, 'Notes'));

// ---- the Notes view ---------------------------------------------------------------

function groups() {
  const order = new Map(libraryRows().map((r, i) => [r.id, i]));
  const rows = new Map(libraryRows().map((r) => [r.id, r]));
  const byDoc = new Map();
  for (const n of all()) {
    if (!byDoc.has(n.doc)) byDoc.set(n.doc, []);
    byDoc.get(n.doc).push(n);
  }
  let changed = false;
  const out = [...byDoc.entries()].sort((a, b) => (order.get(a[0]) ?? 1e9) - (order.get(b[0]) ?? 1e9)).map(([id, list]) => {
    let doc = null;
    try { doc = engine().document(id); } catch { /* not in this build */ }
    const items = list.map((note) => {
      const where = doc ? reanchor(note, doc) : { p: note.p, moved: false, lost: true };
      if (where.moved) { note.p = where.p; changed = true; }
      return { note, p: where.p, lost: where.lost, citation: doc ? citation(doc, where.p) : `${id}, para. ${note.p}` };
    }).sort((a, b) => a.p - b.p || a.note.created.localeCompare(b.note.created));
    const row = rows.get(id);
    return { doc: id, title: (doc && doc.title) || (row && row.title) || id, date: row ? row.date_label || row.date : null, items, missing: !doc };
  });
  if (changed) {
    try { commit(all()); } catch (err) { console.warn(err); }
  }
  return out;
}

function noteItem(it, n, rerender) {
  const { note } = it;
  const body = h('p', { class: 'note-body' }, note.text);
  const edit = h('button', { type: 'button', class: 'note-edit', on: { click: () => {
    const area = h('textarea', { rows: '4', 'aria-label': `Edit note ${n}` });
    area.value = note.text;
    const save = h('button', { type: 'button', on: { click: () => {
      const next = all().map((x) => (x.id === note.id ? { ...x, text: area.value.trim(), updated: new Date().toISOString() } : x));
      try { commit(next); } catch (err) { say(err.message, true); return; }
      rerender(`Note ${n} saved`);
    } } }, 'Save');
    body.replaceWith(h('div', { class: 'note-editing' }, area, save));
    area.focus();
  } } }, 'Edit');
  const del = h('button', { type: 'button', class: 'note-delete', on: { click: () => {
    try { removeNote(note); } catch (err) { say(err.message, true); return; }
    rerender(`${note.kind === 'bookmark' ? 'Bookmark' : 'Note'} ${n} deleted`);
  } } }, 'Delete');
  return h('li', { class: 'note-item', dataset: { kind: note.kind, id: note.id, p: String(it.p), lost: it.lost ? 'yes' : 'no' } },
    h('p', { class: 'note-head' },
      h('span', { class: 'note-kind' }, note.kind === 'bookmark' ? 'Bookmark' : 'Note'), ' ',
      it.lost ? h('span', {}, `¶${it.p} (its text is not in this build)`) : h('a', { href: href({ doc: note.doc, p: it.p }) }, `¶${it.p}`),
      h('span', { class: 'note-date' }, ` · ${note.created.slice(0, 10)}`)),
    note.quote ? h('blockquote', { class: 'note-quote' }, note.quote) : null,
    note.text ? body : null,
    h('p', { class: 'note-cite' }, 'Cite: ', it.citation),
    h('p', { class: 'note-actions' }, note.kind === 'note' ? edit : null, ' ', del));
}

let message = null;
function say(text, error = false) {
  if (!message) return;
  message.dataset.kind = error ? 'error' : 'ok';
  message.setAttribute('role', error ? 'alert' : 'status');
  message.textContent = text;
}

function renderNotes(st, ctx) {
  let list;
  try {
    list = groups();
  } catch (err) {
    return errorBox('The notes cannot be shown', err);
  }
  const main = ctx.main;
  const c = collection();
  const total = all().length;
  const rerender = (said, error) => {
    replace(main, renderNotes(st, { ...ctx, initial: false, keepFocus: true }));
    if (said) { say(said, error); announce(said); }
  };
  message = h('p', { class: 'notes-message', role: 'status' });
  const file = h('input', { type: 'file', id: 'notes-import', accept: '.json,application/json', class: 'visually-hidden', on: { change: async (ev) => {
    const f = ev.target.files && ev.target.files[0];
    ev.target.value = '';
    if (!f) return;
    let result;
    try {
      result = mergeImport(await f.text(), c, all());
      commit(result.notes);
    } catch (err) {
      say(`Not imported: ${err.message}. Your notes are unchanged.`, true);
      announce('Import refused');
      return;
    }
    rerender(`Imported ${plural(result.imported, 'note')} (${result.added} new) from ${f.name}.`);
  } } });
  // Notes kept for an earlier build (documents added or removed since): offered, not mixed in.
  const earlier = earlierNotebooks(c, libraryRows().map((r) => r.id));
  const count = earlier.reduce((k, e) => k + e.notes.length, 0);
  const offer = count ? h('div', { class: 'notes-earlier', role: 'region', 'aria-label': 'Notes of an earlier build' },
    h('p', {}, `${plural(count, 'note')} kept for an earlier build of this collection (its documents have changed since).`),
    h('button', { type: 'button', class: 'notes-adopt', on: { click: () => {
      const byId = new Map(all().map((x) => [x.id, x]));
      for (const e of earlier) for (const x of e.notes) if (!byId.has(x.id)) byId.set(x.id, x);
      try { commit([...byId.values()]); } catch (err) { say(err.message, true); return; }
      for (const e of earlier) dropNotebook(e.key);
      rerender(`${plural(count, 'note')} brought into this build.`);
    } } }, 'Bring them here')) : null;
  let n = 0;
  const sections = list.map((g) => h('section', { class: 'notes-doc', dataset: { doc: g.doc } },
    h('h2', {}, g.missing ? g.title : h('a', { href: href({ doc: g.doc }) }, g.title), g.date ? h('span', { class: 'notes-when' }, ` · ${g.date}`) : null),
    g.missing ? h('p', { class: 'note-lost' }, 'This document is not in this build of the collection.') : null,
    h('ol', { class: 'note-list', start: String(n + 1) }, g.items.map((it) => noteItem(it, (n += 1), rerender)))));
  const heading = h('h1', { id: 'notes-title', tabindex: '-1' }, 'Notes and bookmarks');
  const view = h('article', { class: 'notes-view', dataset: { collection: c.key, count: String(total) } },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#' }, '← Library')),
    heading,
    h('p', { class: 'notes-count', 'aria-live': 'polite' }, total ? `${plural(total, 'note')} in ${plural(list.length, 'document')}` : 'No notes yet. In a document, open a paragraph (¶) or select words, then press Bookmark or Add note.'),
    h('p', { class: 'notes-where' }, WHERE, ` Collection: “${c.title}”.`),
    h('div', { class: 'notes-actions', role: 'group', 'aria-label': 'Export and import' },
      h('button', { type: 'button', class: 'notes-export-json', disabled: !total, on: { click: () => {
        download(`docent-notes-${slug(c.title)}.json`, 'application/json', exportJson(c, all()));
        announce('Notes exported as JSON');
      } } }, 'Export notes (JSON)'),
      h('button', { type: 'button', class: 'notes-export-md', disabled: !total, on: { click: () => {
        download(`docent-notes-${slug(c.title)}.md`, 'text/markdown', exportMarkdown(c, groups()));
        announce('Notes exported as Markdown');
      } } }, 'Export as Markdown'),
      file, h('label', { for: 'notes-import', class: 'notes-import-label' }, 'Import notes (JSON)…'),
      h('button', { type: 'button', class: 'notes-print', on: { click: () => print() } }, 'Print')),
    message,
    offer,
    sections);
  document.title = 'Notes — Docent';
  // After an import or an export, focus stays on the notes' heading, in place
  // (the router focuses it on a first render).
  if (ctx.keepFocus) requestAnimationFrame(() => heading.focus({ preventScroll: true }));
  return view;
}

function slug(s) {
  return s.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'collection';
}

registerView({
  name: 'notes',
  priority: 45,
  matches: (st) => 'notes' in st && !('doc' in st),
  render: renderNotes,
});
