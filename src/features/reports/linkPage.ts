import type restify from 'restify';
import { translator, type Lang, type MessageKey } from '../i18n';

// The page a refused download link shows in the browser: Swedish first, English below (the
// browser has no Teams locale to go by), and nothing from the token — no ids, no times.

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One language's part: a fixed heading and the reason, or a text already in that language. */
export type PagePart = { lang: Lang; text: string };

export function linkPageParts(key: MessageKey): PagePart[] {
  return (['sv', 'en'] as const).map((lang) => ({ lang, text: translator(lang)(key) }));
}

export function linkPageHtml(parts: readonly PagePart[]): string {
  const sections = parts.map((p) => `<section lang="${p.lang}"><h1>${escapeHtml(translator(p.lang)('rep_link_pageHeading'))}</h1><p>${escapeHtml(p.text)}</p></section>`).join('<hr>');
  return [
    '<!doctype html>',
    '<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(translator('sv')('appName'))}</title>`,
    '<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5;color:#242424}h1{font-size:1.25em}hr{border:0;border-top:1px solid #ccc;margin:2em 0}</style>',
    `</head><body><main>${sections}</main></body></html>`,
  ].join('\n');
}

/** Sends a refusal page; `reason` is a message key (both languages) or texts already localized. */
export function refuseLink(res: restify.Response, status: number, reason: MessageKey | readonly PagePart[]): void {
  const body = linkPageHtml(typeof reason === 'string' ? linkPageParts(reason) : reason);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}
