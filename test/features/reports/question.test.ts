import { describe, expect, it } from '@jest/globals';
import { CardQuestionSchema, parsePeriod, parseQuestionText, splitQuestion, type Parsed } from '../../../src/features/reports/question';

const NOW = new Date('2026-11-20T10:00:00Z');
const parse = (text: string): Parsed => parseQuestionText(text, NOW);

describe('questions as typed, Swedish and English', () => {
  it.each<[string, object]>([
    ['vilka deltog i Att leda en likvärdig skola', { kind: 'attended', name: 'Att leda en likvärdig skola' }],
    ['Vilka deltog i läslyftet tillfälle 2', { kind: 'attended', name: 'läslyftet', session: { number: 2 } }],
    ['vilka deltog i Läslyftet 2022-10-05', { kind: 'attended', name: 'Läslyftet', session: { date: '2022-10-05' } }],
    ['VILKA DELTOG I "Läslyftet" träff 3', { kind: 'attended', name: 'Läslyftet', session: { number: 3 } }],
    ['vilka deltog Läslyftet #4', { kind: 'attended', name: 'Läslyftet', session: { number: 4 } }],
    ['who attended Läslyftet session 2', { kind: 'attended', name: 'Läslyftet', session: { number: 2 } }],
    ['who attended the Läslyftet kick-off', { kind: 'attended', name: 'Läslyftet kick-off' }],
    // A number without a session word belongs to the name.
    ['vilka deltog i Specialpedagogiskt seminarium 2', { kind: 'attended', name: 'Specialpedagogiskt seminarium 2' }],
    ['vilka är anmälda till RUN-konferens', { kind: 'registered', name: 'RUN-konferens' }],
    ['vilka ar anmalda till RUN-konferens tillfället 1', { kind: 'registered', name: 'RUN-konferens', session: { number: 1 } }],
    ['who registered for Fritidshemsseminarium', { kind: 'registered', name: 'Fritidshemsseminarium' }],
    ['statistik Att leda lärande och utveckling', { kind: 'stats', name: 'Att leda lärande och utveckling' }],
    ['statistik RUN-riksdag 2018', { kind: 'stats', name: 'RUN-riksdag', period: { from: '2018-01-01', to: '2018-12-31' } }],
    ['statistik IKT-nätverket 2021-2022', { kind: 'stats', name: 'IKT-nätverket', period: { from: '2021-01-01', to: '2022-12-31' } }],
    ['statistik IKT-nätverket 2021 - 2022', { kind: 'stats', name: 'IKT-nätverket', period: { from: '2021-01-01', to: '2022-12-31' } }],
    ['statistik för Läslyftet vt22', { kind: 'stats', name: 'Läslyftet', period: { from: '2022-01-01', to: '2022-06-30' } }],
    ['stats Läslyftet ht 2021', { kind: 'stats', name: 'Läslyftet', period: { from: '2021-07-01', to: '2021-12-31' } }],
    ['statistics for Läslyftet 2022-01-01..2022-03-31', { kind: 'stats', name: 'Läslyftet', period: { from: '2022-01-01', to: '2022-03-31' } }],
    ['statistik Läslyftet 2022-01-01 till 2022-03-31', { kind: 'stats', name: 'Läslyftet', period: { from: '2022-01-01', to: '2022-03-31' } }],
    ['årsrapport 2022', { kind: 'annual', period: { from: '2022-01-01', to: '2022-12-31' } }],
    ['Årsrapport 2020-2022', { kind: 'annual', period: { from: '2020-01-01', to: '2022-12-31' } }],
    ['annual report 2020-2022', { kind: 'annual', period: { from: '2020-01-01', to: '2022-12-31' } }],
    ['arsrapport', { kind: 'annual', period: { from: '2026-01-01', to: '2026-12-31' } }],
  ])('%p', (text, question) => {
    expect(parse(text)).toEqual({ ok: true, question });
  });
});

describe('malformed questions are refused with a reason, not guessed', () => {
  it.each<[string, string]>([
    ['vilka deltog i', 'noName'],
    ['vilka deltog i tillfälle 2', 'noName'],
    ['vilka deltog i Läslyftet 2022-13-45', 'badSession'],
    ['vilka deltog i Läslyftet 2022-02-30', 'badSession'],
    ['vilka deltog i Läslyftet tillfälle 0', 'badSession'],
    ['vilka deltog i Läslyftet tillfälle', 'badSession'],
    ['statistik Läslyftet 2022-2020', 'badPeriod'],
    ['statistik Läslyftet 1999', 'badPeriod'],
    ['statistik 2022', 'noName'],
    ['årsrapport tjugotjugotvå', 'badPeriod'],
    ['årsrapport 2022 och 2023', 'badPeriod'],
    ['annual report 1900-2100', 'badPeriod'],
    [`vilka deltog i ${'x'.repeat(400)}`, 'tooLong'],
    [`statistik ${'Läslyftet '.repeat(25)}`, 'tooLong'],
    ['hur mår du', 'notAQuestion'],
    ['', 'notAQuestion'],
  ])('%p → %s', (text, error) => {
    const p = parse(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toBe(error);
  });
});

describe('periods', () => {
  it.each<[string, object | null | 'notAPeriod']>([
    ['2022', { from: '2022-01-01', to: '2022-12-31' }],
    ['2020–2022', { from: '2020-01-01', to: '2022-12-31' }],
    ['vt21', { from: '2021-01-01', to: '2021-06-30' }],
    ['HT2021', { from: '2021-07-01', to: '2021-12-31' }],
    ['2022-10-05', { from: '2022-10-05', to: '2022-10-05' }],
    ['2022-06-30..2022-01-01', null],
    ['2000-2030', null],
    ['Läslyftet', 'notAPeriod'],
    ['2', 'notAPeriod'],
  ])('%p', (token, expected) => {
    expect(parsePeriod(token)).toEqual(expected);
  });
});

describe('splitQuestion', () => {
  it('takes the longest phrasing ("vilka deltog i" before "vilka deltog") and keeps the argument as typed', () => {
    expect(splitQuestion('Vilka deltog i Åre-träffen')).toEqual({ kind: 'attended', argument: 'Åre-träffen' });
    expect(splitQuestion('statistik för Läslyftet')).toEqual({ kind: 'stats', argument: 'Läslyftet' });
    expect(splitQuestion('mina anmälningar')).toBeNull();
  });
});

describe('what a card button sends back', () => {
  it.each([
    [{ q: 'vilka deltog i X', page: '2' }, true],
    [{ q: 'vilka deltog i X', activityId: 'demo-x', figure: 'people', page: 0 }, true],
    [{ q: '', page: 0 }, false],
    [{ q: 'x'.repeat(301) }, false],
    [{ q: 'x', activityId: '../etc/passwd' }, false],
    [{ q: 'x', figure: 'people; drop' }, false],
    [{ q: 'x', page: -1 }, false],
    [{ q: 'x', page: 5000 }, false],
    [{ q: 'x', export: 2 }, false],
  ])('%p valid: %p', (data, valid) => {
    expect(CardQuestionSchema.safeParse(data).success).toBe(valid);
  });
});
