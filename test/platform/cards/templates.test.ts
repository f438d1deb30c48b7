import { ALL_CASES, confirmationJob, content, reminderJob, responses, scheduled, VIEWER } from '../../support/galleryCases';
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../../../src/platform/cards/render';
import { surveyAttachment } from '../../../src/features/reminders/messages';
import { translator, type Lang } from '../../../src/features/i18n';
import { messages } from '../../../src/features/i18n';
import { profileFormCard } from '../../../src/features/registration/replies';
import { VERBS } from '../../../src/platform/teams/verbs';
import { activityFixture, allStrings, byteSize, EVIL_TITLE, markdownExposures, nodesOfType, ORGANIZATIONS, seatsFixture, stubServices, walk, type Json } from '../../unit/fixtures';
// Every card template, expanded through its typed view with realistic data, in Swedish and English.

const { sv, en } = messages;
const ROOT = path.resolve(__dirname, '../../..');
// The worst case (12 sessions, four 2,000-character texts, 60 refresh ids, Action.Submit
// fallbacks) is about 34 KB: under the older 40 KB bot message limit, well under today's 100 KB.
const MAX_CARD_BYTES = 36 * 1024;

const CASES = ALL_CASES;

const LANGS: Lang[] = ['sv', 'en'];
const TABLE = CASES.flatMap((c) => LANGS.map((lang) => [c.template, c.name, lang, c] as const));

describe('card templates', () => {
  it('cards/*.json holds exactly the templates in TEMPLATES (a new template file must be registered)', () => {
    const files = readdirSync(path.join(ROOT, 'cards'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    expect(files).toEqual([...TEMPLATES].sort());
  });

  it('every template in TEMPLATES has an ordinary and a large fixture here', () => {
    const missing = TEMPLATES.filter((name) => !CASES.some((c) => c.template === name) || !CASES.some((c) => c.template === name && c.big));
    expect(missing).toEqual([]);
  });

  describe.each(TABLE)('%s: %s (%s)', (_template, _name, lang, c) => {
    let card: Json;
    beforeAll(async () => {
      card = await c.card(lang);
    });

    it('is an Adaptive Card 1.5 with a body', () => {
      expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
      expect(Array.isArray(card.body)).toBe(true);
    });

    it('has no unexpanded ${…} binding left', () => {
      const json = JSON.stringify(card);
      const at = json.indexOf('${');
      expect(at < 0 ? '' : json.slice(Math.max(0, at - 80), at + 40)).toBe('');
    });

    it('uses only verbs from VERBS (Action.Execute, their Action.Submit fallbacks and the refresh action)', () => {
      const verbs: string[] = [];
      walk(card, (n) => {
        if (n.type === 'Action.Execute') verbs.push(String(n.verb));
        if (n.type === 'Action.Submit') verbs.push(String((n.data as Json | undefined)?.verb));
      });
      expect(verbs.filter((v) => !(VERBS as readonly string[]).includes(v))).toEqual([]);
    });

    it(`is under ${MAX_CARD_BYTES / 1024} KB as UTF-8 JSON`, () => {
      expect(byteSize(card)).toBeLessThan(MAX_CARD_BYTES);
    });

    it('has unique input ids', () => {
      const ids: string[] = [];
      walk(card, (n) => {
        if (typeof n.type === 'string' && n.type.startsWith('Input.')) ids.push(String(n.id));
      });
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    });

    it('opens only https links', () => {
      const urls = nodesOfType(card, 'Action.OpenUrl').map((n) => String(n.url));
      expect(urls.filter((u) => !u.startsWith('https://'))).toEqual([]);
    });

    it(`is in ${lang === 'sv' ? 'Swedish' : 'English'}: no text of the other language only, and differs from the other language's card`, async () => {
      const own = new Set(Object.values(lang === 'sv' ? sv : en));
      const otherOnly = new Set(Object.values(lang === 'sv' ? en : sv).filter((v) => !own.has(v)));
      expect(allStrings(card).filter((x) => otherOnly.has(x))).toEqual([]);
      const other = await c.card(lang === 'sv' ? 'en' : 'sv');
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(card));
    });
  });
});

describe('organisations in the profile card', () => {
  it.each(LANGS)('lists the network’s organisations with å, ä, ö intact, and "other" last (%s)', async (lang) => {
    const card = content(await profileFormCard({ organizations: await stubServices().directory.organizations(), lang, activityId: 'act-likvardig', sessionId: 's1' }));
    const choiceSet = nodesOfType(card, 'Input.ChoiceSet').find((n) => n.id === 'organizationId') as Json;
    const choices = choiceSet.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.value)).toEqual([...ORGANIZATIONS.map((o) => o.id), 'other']);
    expect(choices.map((c) => c.title)).toContain('Örnsköldsviks kommun');
  });
});

describe('user text stays text in scheduled cards', () => {
  const evil = activityFixture({ title: EVIL_TITLE, prerequisites: { before: EVIL_TITLE, during: '', after: '' } });

  it.each<[string, (lang: Lang) => Promise<Json> | Json]>([
    ['reminder', (lang) => scheduled(evil, reminderJob(evil, 1440), lang, [seatsFixture('s1', 30, [VIEWER])])],
    ['confirmation after registering in a channel', (lang) => scheduled(evil, confirmationJob(evil, 's1'), lang, [seatsFixture('s1', 30, [VIEWER])])],
    ['notice: a place opened up', (lang) => scheduled(evil, { kind: 'notice', payload: { textKey: 'notice_promoted', title: EVIL_TITLE, when: 'tisdag 8 december 2026 09:00–11:00' } }, lang)],
    ['notice: few registrations', (lang) => scheduled({ ...evil, minParticipants: 10 }, { kind: 'lowRegistration', payload: { activityId: evil.id } }, lang)],
    ['survey', (lang) => content(surveyAttachment({ t: translator(lang), activity: evil, surveyKind: 'evaluation', values: { takeaway: EVIL_TITLE } }))],
    ['responses', (lang) => responses(lang, EVIL_TITLE, 1, 0)],
  ])('%s: the title is a TextRun text, verbatim, and no user text is in a markdown element', async (_case, build) => {
    for (const lang of LANGS) {
      const card = await build(lang);
      expect(nodesOfType(card, 'TextRun').map((r) => r.text)).toContain(EVIL_TITLE);
      expect(markdownExposures(card)).toEqual([]);
    }
  });
});
