// Citations, from the engine (`engine().cite`): Chicago note and bibliography,
// BibTeX, RIS and CSL-JSON of a document, of the highlighted paragraph, or of
// a text selection ("quote with citation": the selected words in quotes, then
// the paragraph's citation). The Cite button opens a pop-up: scope, format,
// the text, Copy (as text/plain, and text/html with the link where the
// browser has ClipboardItem) and Download (a file of the format's type).
// Permalinks come from the engine: the `--base-url` address when the page was
// built with one, else relative to the file (`docent.html#doc=…`); never this
// machine's file:/// path.
import { h, announce } from './dom.js';
import { engine } from './engine.js';
import { openPopover } from './popover.js';
import { download, fileStem } from './download.js';

const FORMATS = [
  ['chicago', 'Chicago (note)', 'txt'],
  ['chicago-bib', 'Chicago (bibliography)', 'txt'],
  ['bibtex', 'BibTeX', 'bib'],
  ['ris', 'RIS (EndNote, Zotero, Mendeley)', 'ris'],
  ['csl-json', 'CSL-JSON', 'json'],
];
const PROSE = new Set(['chicago', 'chicago-bib']); // formats a quote can go in front of
let lastFormat = 'chicago';

/** The Chicago note citing `doc` (engine().document's object) at paragraph `p`, if given. */
export function citation(doc, p = null) {
  return engine().cite(doc.id, p === null ? undefined : p, 'chicago').text;
}

/**
 * The citation to copy: `{text, mime, html?, name}` for scope
 * `{doc, p, quote}` (a quote needs `p`) in `format`.
 */
export function citationFor({ doc, p, quote }, format) {
  const c = engine().cite(doc.id, p === null || p === undefined ? undefined : p, format);
  const ext = FORMATS.find(([f]) => f === format)[2];
  const name = `${fileStem(doc.id, 'document')}${p === null || p === undefined ? '' : `-p${p}`}-${format}.${ext}`;
  // CSL-JSON comes compact from the engine: indented as `docent cite` writes it.
  if (format === 'csl-json') return { text: `${JSON.stringify(JSON.parse(c.text), null, 2)}\n`, mime: c.mime, name };
  if (!PROSE.has(format)) return { text: c.text, mime: c.mime, name };
  const text = quote ? `“${quote}” ${c.text}` : c.text;
  return { text, mime: c.mime, name, html: proseHtml(text) };
}

// The prose citation as HTML with its permalink a link, built as nodes and
// serialized (text escaped by the serializer, never parsed from a string).
const LINK = /(?:https?:\/\/|docent\.html#)[^\s“”"<>]*#?doc=[^\s“”"<>]*?(?=[.,;]?(?:\s|$))/;
function proseHtml(text) {
  const m = LINK.exec(text);
  const p = h('p', {});
  if (!m) p.append(text);
  else p.append(text.slice(0, m.index), h('a', { href: m[0] }, m[0]), text.slice(m.index + m[0].length));
  return new XMLSerializer().serializeToString(p);
}

/**
 * Copies: as text/plain + text/html through ClipboardItem when the browser has
 * it and there is HTML, else as text. Resolves true when the clipboard took it.
 */
export async function copyCitation({ text, html }) {
  if (html && typeof ClipboardItem === 'function' && navigator.clipboard && navigator.clipboard.write) {
    try {
      await navigator.clipboard.write([new ClipboardItem({
        'text/plain': new Blob([text], { type: 'text/plain' }),
        'text/html': new Blob([html], { type: 'text/html' }),
      })]);
      return true;
    } catch {
      // Refused (or no text/html support): plain text below.
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The selected text inside the open document and the paragraph it starts in, or null. */
function selectionInDocument() {
  const sel = getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const text = sel.toString().replace(/\s+/g, ' ').trim();
  if (!text) return null;
  const range = sel.getRangeAt(0);
  const start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
  const para = start && start.closest('article.doc .para[data-p]');
  if (!para) return null;
  return { quote: text, p: Number(para.dataset.p) };
}

function where({ p, quote }) {
  if (quote) return `the selection in paragraph ${p}`;
  return p === null || p === undefined ? 'this document' : `paragraph ${p}`;
}

/**
 * The "Cite" button. `get()` returns {doc, p} at click time (p: the
 * highlighted paragraph or null). A selection in the text is offered too.
 */
export function citeButton(get) {
  const status = h('span', { class: 'cite-status', 'aria-hidden': 'true' });
  const button = h('button', { type: 'button', class: 'cite', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, 'Cite');
  let picked = null; // the selection when the pointer went down (a click may clear it)
  button.addEventListener('pointerdown', () => { picked = selectionInDocument(); });
  button.addEventListener('click', () => {
    const { doc, p } = get();
    const selection = selectionInDocument() || picked;
    picked = null;
    openCite(button, status, doc, p, selection);
  });
  return h('span', { class: 'cite-wrap' }, button, status);
}

function openCite(button, status, doc, p, selection) {
  const scopes = [['doc', { doc, p: null }, 'Whole document']];
  if (p !== null && p !== undefined) scopes.push(['para', { doc, p }, `Paragraph ${p}`]);
  if (selection) scopes.push(['quote', { doc, p: selection.p, quote: selection.quote }, `Quote the selection (paragraph ${selection.p})`]);
  let scope = scopes[scopes.length - 1];
  let current = null;

  const area = h('textarea', { class: 'cite-text', readonly: true, rows: '6', 'aria-label': 'Citation' });
  const note = h('p', { class: 'hint cite-note' });
  const said = h('p', { class: 'cite-said', role: 'status', 'aria-live': 'polite' });
  const select = h('select', { id: 'cite-format', class: 'cite-format', on: { change: () => { lastFormat = select.value; show(); } } },
    FORMATS.map(([f, label]) => h('option', { value: f }, label)));
  select.value = lastFormat;
  const radios = scopes.map(([key, , label], i) => h('label', { class: 'cite-scope-option' },
    h('input', {
      type: 'radio', name: 'cite-scope', value: key, checked: scopes[i] === scope,
      on: { change: () => { scope = scopes[i]; show(); } },
    }), ` ${label}`));

  function show() {
    const quoting = Boolean(scope[1].quote);
    // A quote goes in front of a prose citation only.
    for (const o of select.options) o.disabled = quoting && !PROSE.has(o.value);
    if (quoting && !PROSE.has(select.value)) select.value = 'chicago';
    try {
      current = citationFor(scope[1], select.value);
      area.value = current.text;
      note.textContent = quoting ? 'The selected words in quotes, then the citation of their paragraph.' : '';
    } catch (err) {
      current = null;
      area.value = '';
      note.textContent = err && err.message ? err.message : String(err);
    }
    said.textContent = '';
    box.dataset.scope = scope[0];
    box.dataset.format = select.value;
  }

  async function copy() {
    if (!current) return;
    if (await copyCitation(current)) {
      said.textContent = `Copied as ${select.selectedOptions[0].textContent}.`;
      status.textContent = 'Copied';
      announce(`Citation of ${where(scope[1])} copied`);
      setTimeout(() => { status.textContent = ''; }, 2500);
    } else {
      area.focus();
      area.select();
      said.textContent = 'The browser did not allow copying here: the citation is selected, copy it with Ctrl+C (⌘C on a Mac).';
    }
  }

  function save() {
    if (!current) return;
    download(current.text, current.name, current.mime);
    said.textContent = `Downloaded ${current.name}.`;
  }

  const box = openPopover(button, `Cite ${where(scope[1])}`,
    h('p', { class: 'popover-title' }, `Cite ${doc.title || doc.id}`),
    scopes.length > 1 ? h('fieldset', { class: 'cite-scopes' }, h('legend', {}, 'What to cite'), radios) : null,
    h('p', { class: 'cite-format-row' }, h('label', { for: 'cite-format' }, 'Format '), select),
    area, note,
    h('p', { class: 'cite-actions' },
      h('button', { type: 'button', class: 'button cite-copy', on: { click: copy } }, 'Copy'),
      h('button', { type: 'button', class: 'button cite-download', on: { click: save } }, 'Download')),
    said);
  if (!box) return; // the click closed the open pop-up
  box.classList.add('cite-popover');
  show();
}
