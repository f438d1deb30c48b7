import { describe, expect, it } from '@jest/globals';
import { buildDemo } from '../../../src/features/demo/build';
import { findActivities, resolveTarget, suggestions } from '../../../src/features/reports/resolve';

const ACTIVITIES = buildDemo().activities;
const titles = (as: { title: string }[]) => [...new Set(as.map((a) => a.title))].sort();

describe('forgiving activity names', () => {
  it.each([
    ['exact, any case', 'ATT LEDA EN LIKVÄRDIG SKOLA', ['Att leda en likvärdig skola']],
    ['without å, ä, ö', 'att leda en likvardig skola', ['Att leda en likvärdig skola']],
    ['a part of the title', 'fritidshem', ['Fritidshemsseminarium']],
    ['a typo', 'Fritidshemseminarium', ['Fritidshemsseminarium']],
    ['words near the title’s words ("nätverket" ~ "nätverk")', 'IKT-nätverket', ['Regionalt IKT-nätverk 2021', 'Regionalt IKT-nätverk 2022']],
    ['a typo in one word', 'specialpedagogist seminarium', ['Specialpedagogiskt seminarium']],
    ['the series key', 'leda-larande', ['Att leda lärande och utveckling']],
    ['nothing like it', 'Matematiklyftet', []],
  ])('%s: %p', (_name, query, expected) => {
    expect(titles(findActivities(query, ACTIVITIES))).toEqual(expected);
  });
});

describe('resolveTarget', () => {
  it('one activity: "who attended" gets it', () => {
    const r = resolveTarget({ kind: 'attended', name: 'RUN-konferens' }, ACTIVITIES);
    expect(r).toMatchObject({ ok: true, target: { kind: 'activity', activity: { id: 'demo-run-konferens-2022' } } });
  });

  it('two runs of one activity: "who attended" asks which, newest first', () => {
    const r = resolveTarget({ kind: 'attended', name: 'Att leda lärande och utveckling' }, ACTIVITIES);
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'many') expect(r.choices.map((c) => c.activity.id)).toEqual(['demo-leda-larande-vt22', 'demo-leda-larande-vt21']);
  });

  it('two runs of one activity: statistics take the series', () => {
    const r = resolveTarget({ kind: 'stats', name: 'Att leda lärande och utveckling' }, ACTIVITIES);
    expect(r).toMatchObject({ ok: true, target: { kind: 'group', key: 'series:leda-larande' } });
    if (r.ok && r.target.kind === 'group') expect(r.target.activities).toHaveLength(2);
  });

  it('several series: statistics ask which series', () => {
    const r = resolveTarget({ kind: 'stats', name: 'att leda' }, ACTIVITIES);
    expect(r.ok).toBe(false);
    if (!r.ok && r.reason === 'many') {
      expect(r.choices.map((c) => c.series?.key).sort()).toEqual(['series:leda-larande', 'series:leda-likvardig']);
      expect(r.choices.map((c) => c.series?.runs)).toEqual([2, 2]);
    }
  });

  it('a pick from the card decides, by activity id or series key', () => {
    expect(resolveTarget({ kind: 'attended', name: 'att leda', activityId: 'demo-leda-likvardig-vt21' }, ACTIVITIES)).toMatchObject({
      ok: true,
      target: { activity: { id: 'demo-leda-likvardig-vt21' } },
    });
    expect(resolveTarget({ kind: 'stats', name: 'att leda', series: 'series:kollegialt' }, ACTIVITIES)).toMatchObject({ ok: true, target: { kind: 'group', key: 'series:kollegialt' } });
    expect(resolveTarget({ kind: 'attended', name: 'x', activityId: 'no-such' }, ACTIVITIES)).toMatchObject({ ok: false, reason: 'none' });
  });

  it('words in another order, parts of hyphenated words', () => {
    expect(resolveTarget({ kind: 'attended', name: 'konferens demokrati' }, ACTIVITIES)).toMatchObject({ ok: true, target: { activity: { id: 'demo-run-konferens-2022' } } });
  });

  it('none: suggestions near the name, or none when nothing is near', () => {
    const r = resolveTarget({ kind: 'attended', name: 'Fritidshemseminariet ute' }, ACTIVITIES);
    expect(r).toMatchObject({ ok: false, reason: 'none' });
    if (!r.ok && r.reason === 'none') expect(titles(r.suggestions)).toContain('Fritidshemsseminarium');
    expect(titles(suggestions('Likvärdig skolan', ACTIVITIES))).toEqual(expect.arrayContaining(['Att leda en likvärdig skola']));
    expect(suggestions('xyzzy qwerty', ACTIVITIES)).toEqual([]);
  });
});
