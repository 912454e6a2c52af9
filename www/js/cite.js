// Citations: a Chicago-style note for a document (or one paragraph of it)
// with its permalink, and a "Cite" button that copies it.
import { h, announce } from './dom.js';
import { permalink } from './router.js';
import { openPopover } from './popover.js';

function field(doc, name) {
  const hit = doc.fields.find(([k]) => k.toLowerCase() === name.toLowerCase());
  return hit ? hit[1].trim() : '';
}

/**
 * The citation of `doc` (as returned by engine().document), at paragraph `p`
 * (a number) when given. Uses the record's own Citation field when it has
 * one; otherwise builds “Title,” date, publisher, source.
 */
export function citation(doc, p = null) {
  const link = permalink(p === null ? { doc: doc.id } : { doc: doc.id, p });
  const para = p === null ? '' : `, para. ${p}`;
  const own = field(doc, 'Citation');
  if (own) {
    const base = own.replace(/[.\s]+$/, '');
    return `${base}${para}. Docent permalink: ${link}.`;
  }
  const parts = [`“${doc.title.replace(/[.\s]+$/, '')},”`];
  const when = doc.date_label || (doc.date ? [doc.date.year, doc.date.month, doc.date.day].filter(Boolean).join('-') : '');
  const tail = [when, field(doc, 'Author'), field(doc, 'Publisher'), field(doc, 'Source')].filter(Boolean);
  return `${parts[0]} ${tail.join(', ')}${para}. Docent permalink: ${link}.`;
}

/** Copies `text`; resolves true when the clipboard took it. */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A "Cite" button. `get()` returns {doc, p} at click time. It copies the
 * citation; when the clipboard is not allowed (some iframes) it shows the
 * citation selected in a pop-up, ready to copy by hand.
 */
export function citeButton(get) {
  const status = h('span', { class: 'cite-status', 'aria-hidden': 'true' });
  const button = h('button', { type: 'button', class: 'cite', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, 'Cite');
  button.addEventListener('click', async () => {
    const { doc, p } = get();
    const text = citation(doc, p);
    const where = p === null ? 'this document' : `paragraph ${p}`;
    if (await copy(text)) {
      status.textContent = 'Copied';
      announce(`Citation of ${where} copied`);
      setTimeout(() => { status.textContent = ''; }, 2500);
    } else {
      const area = h('textarea', { class: 'cite-text', readonly: true, rows: '5', 'aria-label': `Citation of ${where}` });
      area.value = text;
      openPopover(button, `Citation of ${where}`,
        h('p', { class: 'popover-title' }, `Cite ${where}`), area,
        h('p', { class: 'hint' }, 'Copy it with Ctrl+C (⌘C on a Mac).'));
      area.focus();
      area.select();
    }
  });
  return h('span', { class: 'cite-wrap' }, button, status);
}
