import { describe, expect, it } from '@jest/globals';
import { mergeCatalogues, render, translatorOver } from '../../../src/platform/i18n';

// The machinery every catalogue goes through; the `@ts-expect-error` lines are the compile-time
// checks themselves (tsc fails if one of them stops being an error).

const a = { sv: { a_one: 'ett', a_count: '{n:# sak|# saker}' }, en: { a_one: 'one', a_count: '{n:# thing|# things}' } } as const;
const b = { sv: { b_one: 'två' }, en: { b_one: 'two' } } as const;

describe('catalogues', () => {
  it('merges parts into one catalogue per language', () => {
    const merged = mergeCatalogues([a, b]);
    expect(merged.sv).toEqual({ a_one: 'ett', a_count: '{n:# sak|# saker}', b_one: 'två' });
    expect(merged.en.b_one).toBe('two');
  });

  it('refuses at compile time a key in two parts, and English keys Swedish lacks or lacks Swedish ones', () => {
    const again = { sv: { a_one: 'igen' }, en: { a_one: 'again' } } as const;
    // @ts-expect-error a_one is in two parts
    mergeCatalogues([a, again]);
    const extra = { sv: { c_one: 'tre' }, en: { c_one: 'three', c_two: 'four' } } as const;
    // @ts-expect-error c_two has no Swedish text
    mergeCatalogues([a, extra]);
    const missing = { sv: { d_one: 'fyra', d_two: 'fem' }, en: { d_one: 'four' } } as const;
    // @ts-expect-error d_two has no English text
    mergeCatalogues([a, missing]);
    // In a catalogue file `satisfies` does the same: en has exactly sv's keys.
    const sv = { e_one: 'sex' } as const;
    // @ts-expect-error e_two is not a Swedish key
    const en = { e_one: 'six', e_two: 'seven' } satisfies Record<keyof typeof sv, string>;
    expect(en.e_one).toBe('six');
  });

  it('translates with typed placeholders: a counted word takes a number', () => {
    const t = translatorOver(mergeCatalogues([a, b]));
    expect(t('sv')('a_count', { n: 1 })).toBe('1 sak');
    expect(t('en')('a_count', { n: 2 })).toBe('2 things');
    // Checked by tsc only, never run (an unknown key has no text to render).
    const unchecked = () => [
      // @ts-expect-error a counted word must be passed
      t('sv')('a_count'),
      // @ts-expect-error and as a number
      t('sv')('a_count', { n: '2' }),
      // @ts-expect-error an unknown key
      t('sv')('z_none'),
    ];
    void unchecked;
  });
});

describe('render', () => {
  it('the Swedish and English forms follow Intl.PluralRules ("one" only for 1)', () => {
    expect(render('sv', '{n:# kanal|# kanaler}', { n: 1 })).toBe('1 kanal');
    expect(render('sv', '{n:# kanal|# kanaler}', { n: 0 })).toBe('0 kanaler');
    expect(render('en', '{n:# channel|# channels}', { n: 2 })).toBe('2 channels');
    expect(render('en', '{n:# channel|# channels}', { n: 21 })).toBe('21 channels');
  });
});
