// A few lines instead of a framework: elements built with the DOM API, so text from the API
// is always text (never parsed as HTML).

type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | undefined | ((e: Event) => void);
export type Attrs = Record<string, Attr>;

function apply(el: Element, attrs: Attrs, children: (Child | Child[])[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== undefined && value !== false) el.setAttribute(name, String(value));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs, children);
  return el;
}

let ids = 0;
/** A document-unique id for aria-labelledby and label/for pairs. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;
