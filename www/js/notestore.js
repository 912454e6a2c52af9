// The reader's own notes and bookmarks (issue #17 item 3): storage, the
// collection they belong to, re-anchoring, and the import/export formats.
// No DOM here: notes.js owns the screens. Notes live in this browser's
// localStorage (it works from file://), under a key made from the
// collection's identity, so two collections never mix; nothing leaves the
// machine. A note is
//   {id, kind: 'bookmark' | 'note', doc, p, quote, anchor, text, created, updated}
// `quote` is the selected words (null for a whole paragraph); `anchor` the
// start of the paragraph's text when the note was made. When a rebuild
// renumbers paragraphs, `reanchor` finds the same text again. A rebuild
// that adds or removes documents changes the key: the Notes view then offers
// the earlier notebook (`earlierNotebooks`) instead of mixing it in.

const FORMAT = 'docent-notes';
const VERSION = 1;
const ANCHOR = 240; // characters of the paragraph kept to find it again

/** FNV-1a of a string, as 8 hex digits. */
function fnv(s) {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x.toString(16).padStart(8, '0');
}

/**
 * The collection's identity: its title (the page's tagline) and a
 * fingerprint of its document ids (the library rows the page holds).
 */
export function collectionOf(rows, title) {
  const ids = rows.map((r) => r.id).sort().join('\n');
  return { key: `${title}#${fnv(ids)}`, title };
}

const storageKey = (c) => `docent.notes.v${VERSION}:${c.key}`;

/** The notes of collection `c` (an empty list when none or storage is off). */
export function loadNotes(c) {
  try {
    const raw = localStorage.getItem(storageKey(c));
    if (!raw) return [];
    const data = JSON.parse(raw);
    return validate(data, c).notes;
  } catch (err) {
    console.warn(err);
    return [];
  }
}

/** Saves the notes; throws an Error with a readable message when the browser refuses. */
export function saveNotes(c, notes) {
  try {
    localStorage.setItem(storageKey(c), JSON.stringify(fileOf(c, notes)));
  } catch (err) {
    throw new Error(`this browser did not keep the notes (${err.name || 'storage refused'}): export them to a file instead`);
  }
}

function fileOf(c, notes) {
  return { format: FORMAT, version: VERSION, collection: { key: c.key, title: c.title }, notes };
}

/** The JSON export (a string). */
export function exportJson(c, notes) {
  return `${JSON.stringify({ ...fileOf(c, notes), exported: new Date().toISOString() }, null, 2)}\n`;
}

const isText = (v) => typeof v === 'string';
const isDate = (v) => isText(v) && !Number.isNaN(Date.parse(v));

function checkNote(n, i) {
  const bad = (what) => new Error(`note ${i + 1} ${what}`);
  if (!n || typeof n !== 'object' || Array.isArray(n)) throw bad('is not an object');
  if (!isText(n.id) || !/^[A-Za-z0-9_-]{1,64}$/.test(n.id)) throw bad('has no valid id');
  if (n.kind !== 'bookmark' && n.kind !== 'note') throw bad(`has an unknown kind (${JSON.stringify(n.kind)})`);
  if (!isText(n.doc) || !n.doc) throw bad('names no document');
  if (!Number.isInteger(n.p) || n.p < 0) throw bad('has no paragraph number');
  if (n.quote !== null && !isText(n.quote)) throw bad('has a quote that is not text');
  if (!isText(n.anchor)) throw bad('has no anchor text');
  if (!isText(n.text)) throw bad('has a note that is not text');
  if (!isDate(n.created) || !isDate(n.updated)) throw bad('has no valid dates');
  return { id: n.id, kind: n.kind, doc: n.doc, p: n.p, quote: n.quote, anchor: n.anchor, text: n.text, created: n.created, updated: n.updated };
}

/**
 * Checks a parsed notes file against collection `c`: `{notes}` or throws an
 * Error saying what is wrong (nothing is applied by the caller then).
 */
export function validate(data, c) {
  if (!data || typeof data !== 'object' || data.format !== FORMAT) throw new Error('this is not a Docent notes file');
  if (data.version !== VERSION) throw new Error(`this notes file has version ${JSON.stringify(data.version)}; this reader reads version ${VERSION}`);
  if (!data.collection || !isText(data.collection.key)) throw new Error('this notes file does not say which collection it belongs to');
  if (data.collection.key !== c.key) {
    throw new Error(`these notes belong to another collection (“${data.collection.title || data.collection.key}”), not to this one (“${c.title}”)`);
  }
  if (!Array.isArray(data.notes)) throw new Error('this notes file holds no list of notes');
  const notes = data.notes.map(checkNote);
  const ids = new Set();
  for (const n of notes) {
    if (ids.has(n.id)) throw new Error(`the note id ${n.id} occurs twice`);
    ids.add(n.id);
  }
  return { notes };
}

/** Parses and checks an import; returns the merged list (by id) or throws. */
export function mergeImport(text, c, current) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('this file is not JSON: choose a file exported with “Export notes (JSON)”');
  }
  const { notes } = validate(data, c);
  const byId = new Map(current.map((n) => [n.id, n]));
  let added = 0;
  for (const n of notes) {
    if (!byId.has(n.id)) added += 1;
    byId.set(n.id, n);
  }
  return { notes: [...byId.values()], imported: notes.length, added };
}

const norm = (s) => s.replace(/\s+/g, ' ').trim();

/** A new note on paragraph `p` of `doc` (`quote` = the selected words or null). */
export function makeNote(kind, doc, p, quote, text) {
  const now = new Date().toISOString();
  const rand = Math.random().toString(36).slice(2, 8);
  return {
    id: `n${Date.now().toString(36)}${rand}`, kind, doc: doc.id, p, quote: quote ? norm(quote) : null,
    anchor: norm(doc.paragraphs[p].text).slice(0, ANCHOR), text, created: now, updated: now,
  };
}

/**
 * Finds a note's text in `doc` (as the engine returns it): `{p, moved, lost}`.
 * Where it was is tried first; else the paragraph that holds the quote (or
 * starts with the anchor) nearest to where it was.
 */
export function reanchor(note, doc) {
  const holds = (i) => {
    const para = doc.paragraphs[i];
    if (!para) return false;
    const t = norm(para.text);
    return note.quote ? t.includes(note.quote) : t.startsWith(note.anchor);
  };
  if (holds(note.p)) return { p: note.p, moved: false, lost: false };
  let best = null;
  for (let i = 0; i < doc.paragraphs.length; i++) {
    if (holds(i) && (best === null || Math.abs(i - note.p) < Math.abs(best - note.p))) best = i;
  }
  return best === null ? { p: note.p, moved: false, lost: true } : { p: best, moved: true, lost: false };
}

/** Markdown: the notes by document (date order), each with its citation. */
export function exportMarkdown(c, groups) {
  const lines = [`# Notes — ${c.title}`, '', `Exported ${new Date().toISOString().slice(0, 10)} from Docent. Kept in this browser only.`, ''];
  let n = 0;
  for (const g of groups) {
    lines.push(`## ${g.title}${g.date ? ` (${g.date})` : ''}`, '');
    for (const { note, p, citation } of g.items) {
      n += 1;
      const what = note.kind === 'bookmark' ? 'Bookmark' : 'Note';
      lines.push(`${n}. **${what}, ¶${p}**${note.quote ? ` — “${note.quote}”` : ''}`);
      if (note.text) lines.push('', ...note.text.split('\n').map((l) => `   ${l}`));
      lines.push('', `   Cite: ${citation}`, '');
    }
  }
  if (!n) lines.push('No notes yet.', '');
  return lines.join('\n');
}

/**
 * Notebooks kept for an earlier build of this collection: the same title,
 * another fingerprint (documents were added or removed since), with at least
 * half their notes on documents this build has. `[{key, notes}]`.
 */
export function earlierNotebooks(c, ids) {
  const have = new Set(ids);
  const prefix = `docent.notes.v${VERSION}:${c.title}#`;
  const out = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (!k || !k.startsWith(prefix) || k === storageKey(c)) continue;
      try {
        const data = JSON.parse(localStorage.getItem(k));
        const { notes } = validate(data, { key: data.collection.key, title: c.title });
        if (notes.length && notes.filter((n) => have.has(n.doc)).length * 2 >= notes.length) out.push({ key: k, notes });
      } catch { /* not ours to read: left alone */ }
    }
  } catch (err) {
    console.warn(err);
  }
  return out;
}

/** Forgets an earlier notebook (after its notes were saved under this build). */
export function dropNotebook(key) {
  try { localStorage.removeItem(key); } catch (err) { console.warn(err); }
}
