// The gallery page's script (bundled by scripts/gallery.ts with esbuild): renders every embedded
// card with the official renderer (npm adaptivecards) and a Teams-like host config, measures
// what each card shows and marks the problems (scripts/gallery/checks.ts) next to it.
// Plain JavaScript because the project's tsconfig has no DOM types (src/features/tab/web has its own).
import * as AC from 'adaptivecards';
import { problemsOf, PROBLEM_LABEL } from './checks';
import { hostConfig } from './hostConfigs';

/** @type {{ cases: { template: string, name: string, big: boolean, cards: Record<string, object>, errors: Record<string, string> }[] }} */
const DATA = JSON.parse(document.getElementById('gallery-data').textContent);

// --- markdown: the subset Teams renders in a TextBlock -------------------------------------

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(s) {
  return escapeHtml(s)
    .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(\S(?:.*?\S)?)_(?=$|[\s).,:;!?])/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])\*(\S(?:.*?\S)?)\*(?=$|[\s).,:;!?])/g, '$1<em>$2</em>');
}

function markdown(text) {
  return text
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*] /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\s*\d+\. /.test(l))) return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+\. /, ''))}</li>`).join('')}</ol>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdown(text);
  result.didProcess = true;
};
AC.GlobalSettings.setTabIndexAtCardRoot = false;
// table.js registers Table as a side effect, which the bundler drops (the package says it has
// none): register it here, or every Table would show its fallback.
AC.GlobalRegistry.defaultElements.register('Table', AC.Table, AC.Versions.v1_5);

// --- render ----------------------------------------------------------------------------------

const hostConfigs = {};
const hostConfigOf = (theme) => (hostConfigs[theme] ??= new AC.HostConfig(hostConfig(theme)));

/** Renders one card into its frame; returns parse notes and errors. */
function renderInto(frame, json, theme, viewError) {
  const notes = [];
  const errors = [];
  if (viewError) {
    frame.textContent = viewError;
    return { notes, errors: [viewError] };
  }
  try {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfigOf(theme);
    card.onExecuteAction = () => undefined;
    const context = new AC.SerializationContext();
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      notes.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
    }
    const element = card.render();
    if (!element) throw new Error('the renderer returned nothing');
    frame.appendChild(element);
    card.updateLayout();
    showPickedTitles(card);
    // Show what is behind Action.ShowCard, so that it is looked at (and checked) too.
    for (const button of element.querySelectorAll('.ac-pushButton[aria-expanded="false"]')) button.click();
  } catch (err) {
    errors.push(String(err && err.stack ? err.stack.split('\n')[0] : err));
  }
  return { notes, errors };
}

/**
 * People pickers (Input.ChoiceSet with choices.data): Teams shows the chosen people by the titles
 * of their choices; this renderer puts the raw value (ids) in its text box. Show the titles, as
 * Teams does; a value without a choice stays as it is (and is then checked as shown).
 */
function showPickedTitles(card) {
  for (const input of card.getAllInputs()) {
    if (!(input instanceof AC.ChoiceSetInput) || !input.isDynamicTypeahead() || !input.defaultValue) continue;
    const box = input.renderedElement && input.renderedElement.querySelector('input[type="text"]');
    if (!box) continue;
    const titles = input.defaultValue.split(',').map((v) => (input.choices.find((c) => c.value === v) || { title: v }).title);
    box.value = titles.join(', ');
  }
}

// --- measure ---------------------------------------------------------------------------------

/** Texts the renderer cut off: wider or taller than their box (overflow hidden), or shortened to "...". */
function cutOffIn(root) {
  const out = [];
  const seen = new Set();
  const candidates = root.querySelectorAll('.ac-textBlock, .ac-textBlock > *, .ac-pushButton, .ac-pushButton > div, .ac-richTextBlock');
  for (const el of candidates) {
    if (!el.getClientRects().length) continue; // not displayed
    const text = el.innerText.trim();
    if (!text) continue;
    const style = getComputedStyle(el);
    const hidesX = style.overflowX !== 'visible';
    const hidesY = style.overflowY !== 'visible';
    let how = '';
    if (hidesX && el.scrollWidth > el.clientWidth + 1) how = `cut off on the right (${el.scrollWidth} px of text in ${el.clientWidth} px)`;
    else if (hidesY && el.scrollHeight > el.clientHeight + 2) how = `cut off at the bottom (${el.scrollHeight} px of text in ${el.clientHeight} px)`;
    else if (el.dataset.galleryTruncated) how = 'shortened by the renderer ("...")';
    if (how) {
      const owner = el.closest('.ac-textBlock, .ac-pushButton') || el;
      if (seen.has(owner)) continue;
      seen.add(owner);
      out.push({ text, how });
    }
  }
  return out;
}

// TextBlocks with maxLines are shortened by the renderer: it replaces the text and appends "...".
const truncate = AC.TextBlock.prototype.truncateIfSupported;
AC.TextBlock.prototype.truncateIfSupported = function (maxHeight) {
  const handled = truncate.call(this, maxHeight);
  const el = this.renderedElement;
  if (el) {
    const shown = el.innerText.trim();
    if (shown.endsWith('...') && !String(this.text ?? '').trim().endsWith('...')) el.dataset.galleryTruncated = 'true';
    else delete el.dataset.galleryTruncated;
  }
  return handled;
};

function inputTextIn(root) {
  const out = [];
  for (const el of root.querySelectorAll('input, textarea')) {
    if (el.placeholder) out.push(el.placeholder);
    if (['text', 'search', 'email', 'url', 'tel', 'number', 'textarea'].includes(el.type) && el.value) out.push(el.value);
  }
  for (const select of root.querySelectorAll('select')) for (const option of select.options) out.push(option.text);
  return out;
}

// --- page ------------------------------------------------------------------------------------

/**
 * ?template=a,b &lang=sv &theme=dark &big=0 &id=<frame id>,… show only those cards (big=0: no worst cases);
 * the rest is removed before rendering, so a filtered page is quick to render and to screenshot.
 */
function applyFilter() {
  const q = new URLSearchParams(location.search);
  const list = (k) => (q.get(k) ? q.get(k).split(',') : null);
  const templates = list('template');
  const langs = list('lang');
  const themes = list('theme');
  const ids = list('id');
  const noBig = q.get('big') === '0';
  if (!templates && !langs && !themes && !ids && !noBig) return;
  for (const frame of document.querySelectorAll('.card-frame')) {
    const c = DATA.cases[Number(frame.dataset.case)];
    const keep = (!templates || templates.includes(c.template)) && (!langs || langs.includes(frame.dataset.lang)) && (!themes || themes.includes(frame.dataset.theme)) && (!ids || ids.includes(frame.id)) && !(noBig && c.big);
    if (!keep) frame.parentElement.remove();
  }
  for (const article of document.querySelectorAll('article.case')) if (!article.querySelector('.card-frame')) article.remove();
  for (const section of document.querySelectorAll('section.template')) if (!section.querySelector('.card-frame')) section.remove();
  document.getElementById('filter').textContent = `Showing ${location.search.slice(1).replace(/&/g, ' · ')} (all cards: without the query).`;
}

function main() {
  applyFilter();
  const frames = [...document.querySelectorAll('.card-frame')];
  const rendered = frames.map((frame) => {
    const c = DATA.cases[Number(frame.dataset.case)];
    return { frame, c, ...renderInto(frame, c.cards[frame.dataset.lang], frame.dataset.theme, c.errors[frame.dataset.lang]) };
  });
  // Measure after everything is rendered: one layout for the whole page.
  const results = rendered.map(({ frame, c, notes, errors }) => {
    const root = frame.querySelector('.ac-adaptiveCard') || frame;
    const measured = { lang: frame.dataset.lang, text: root.innerText, inputText: inputTextIn(root), cutOff: cutOffIn(root), errors };
    const problems = problemsOf(measured);
    return { frame, notes, result: { id: frame.id, template: c.template, name: c.name, lang: frame.dataset.lang, theme: frame.dataset.theme, problems } };
  });
  let withProblems = 0;
  for (const { frame, notes, result } of results) {
    const cell = frame.parentElement;
    if (notes.length) {
      const n = document.createElement('details');
      n.className = 'notes';
      n.innerHTML = `<summary>Renderer notes (${notes.length})</summary><ul>${notes.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
      cell.appendChild(n);
    }
    if (!result.problems.length) continue;
    withProblems++;
    cell.classList.add('has-problems');
    const list = document.createElement('ul');
    list.className = 'problems';
    list.innerHTML = result.problems.map((p) => `<li><b>${escapeHtml(PROBLEM_LABEL[p.kind])}</b>: ${escapeHtml(p.snippet)}</li>`).join('');
    cell.appendChild(list);
  }
  const summary = document.getElementById('summary');
  summary.textContent = withProblems
    ? `${withProblems} of ${results.length} rendered cards show something no user should see (marked in red below).`
    : `All ${results.length} rendered cards pass the checks.`;
  summary.className = withProblems ? 'summary bad' : 'summary good';
  window.__gallery = { cards: results.map((r) => r.result) };
  document.documentElement.dataset.galleryDone = 'true';
}

main();
