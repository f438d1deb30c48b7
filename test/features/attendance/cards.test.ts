// The attendance templates, expanded through their typed views with realistic and large data,
// in Swedish and English: no binding left, known verbs only, user text stays text, small enough.
import { describe, expect, it } from '@jest/globals';
import { markAttachment, MARK_MAX, summaryAttachment } from '../../../src/features/attendance/cards';
import type { Lang } from '../../../src/platform/i18n';
import { VERBS } from '../../../src/platform/teams/verbs';
import { byteSize, EVIL_FRAGMENTS, EVIL_TITLE, walk, type Json } from '../../unit/fixtures';
import { attendanceCardCases, content, contextFor, orgs, registrants, summary } from './cardCases';

const ctx = contextFor('Att leda en likvärdig skola');

const MAX_CARD_BYTES = 28 * 1024;
// Every case twice: with ordinary text, and with a title and names that look like markdown and templates.
const TABLE = [...attendanceCardCases(), ...attendanceCardCases(EVIL_TITLE).map((c) => ({ ...c, name: `${c.name}, hostile text`, hostile: true }))].flatMap((c) =>
  (['sv', 'en'] as const).map((lang) => [`${c.template}: ${c.name}`, lang, c] as const),
);

describe.each(TABLE)('%s (%s)', (_name, lang, c) => {
  const card = c.card(lang);

  it('is an Adaptive Card 1.5 with no ${…} binding left', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const json = JSON.stringify(card).replaceAll('${evil}', '');
    expect(json.includes('${')).toBe(false);
  });

  it('uses only known verbs, unique input ids, and stays under the size limit', () => {
    const verbs: string[] = [];
    const ids: string[] = [];
    walk(card, (n) => {
      if (n.type === 'Action.Execute') verbs.push(String(n.verb));
      if (typeof n.type === 'string' && n.type.startsWith('Input.')) ids.push(String(n.id));
    });
    expect(verbs.filter((v) => !(VERBS as readonly string[]).includes(v))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    expect(byteSize(card)).toBeGreaterThan(0);
  });

  it('shows names and titles only in TextRuns (never markdown)', () => {
    const exposed: string[] = [];
    walk(card, (n) => {
      for (const k of ['text', 'title', 'value', 'label']) {
        const v = n[k];
        if (typeof v !== 'string' || !EVIL_FRAGMENTS.some((f) => v.includes(f))) continue;
        if (n.type === 'TextRun' && k === 'text') continue;
        exposed.push(`${String(n.type)}.${k}`);
      }
    });
    expect(exposed).toEqual([]);
    if ('hostile' in c && (c.template !== 'attendance-mark' || c.big)) expect(JSON.stringify(card)).toContain('${evil}');
  });
});

describe('attendance cards in the user’s language', () => {
  it.each<[Lang, string, string]>([
    ['sv', 'Närvarorapporten är inläst', 'Anmälda som inte var med (145)'],
    ['en', 'The attendance report is imported', 'Registered but absent (145)'],
  ])('%s summary', (lang, title, absent) => {
    const text = JSON.stringify(content(summaryAttachment(summary(ctx, 290, 'Pekka Virtanen'), lang, orgs)));
    expect(text).toContain(title);
    expect(text).toContain(absent);
    expect(text).toContain(lang === 'sv' ? '… och 120 till' : '… and 120 more');
  });

  it('shows MARK_MAX people a page, with the way to the next and previous pages', () => {
    const regs = registrants(130);
    const page = (p: number) => content(markAttachment({ ctx, registrants: regs, docs: [], orgs, lang: 'sv', canFetchGraph: false, page: p }));
    const toggles = (card: Json) => {
      let n = 0;
      walk(card, (x) => {
        if (x.type === 'Input.Toggle') n++;
      });
      return n;
    };
    const verbs = (card: Json) => {
      const out: string[] = [];
      walk(card, (x) => {
        if (x.type === 'Action.Execute') out.push(`${String(x.title)}:${JSON.stringify((x.data as Json).page ?? '')}`);
      });
      return out;
    };
    expect(toggles(page(0))).toBe(MARK_MAX);
    expect(JSON.stringify(page(0))).toContain(`Visar 1–${MARK_MAX} av 130.`);
    expect(verbs(page(0))).toEqual(['Spara:0', 'Nästa:1']);
    expect(verbs(page(2))).toEqual(['Spara:2', 'Föregående:1']);
    expect(toggles(page(2))).toBe(130 - 2 * MARK_MAX);
    expect(toggles(page(99))).toBe(130 - 2 * MARK_MAX);
  });
});
