import { describe, expect, it } from '@jest/globals';
import { fold, levenshtein, matchByName } from '../../src/kernel/text';

describe('fold', () => {
  it.each([
    ['Läslyftet', 'laslyftet'],
    ['ÅÄÖ åäö', 'aao aao'],
    ['Örnsköldsviks kommun', 'ornskoldsviks kommun'],
    ['Sollefteå', 'solleftea'],
    ['Café Élan', 'cafe elan'],
    ['MINA ANMÄLNINGAR', 'mina anmalningar'],
    ['  mina   anmälningar  ', 'mina anmalningar'],
    ['mina\tanmälningar\n', 'mina anmalningar'],
    ['mina\u00a0anmälningar', 'mina anmalningar'], // no-break space, as Teams sends after an @mention
    ['La\u0308slyftet', 'laslyftet'], // decomposed ä (a + combining diaeresis) folds like the precomposed one
    ['', ''],
    ['   ', ''],
    // Letters that are not a base letter + combining mark are kept (documented, not stripped).
    ['Søren Ørsted', 'søren ørsted'],
  ])('fold(%p) → %p', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });
});

describe('levenshtein', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['laslyftet', 'laslyftet', 0],
    ['laslyftet', 'laslyfet', 1],
    ['laslyftet', 'lasslyftet', 1],
    ['laslyftet', 'lsalyftet', 2],
  ])('levenshtein(%p, %p) = %i (and is symmetric)', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });
});

describe('matchByName', () => {
  const TITLES = [
    'Läslyftet',
    'Läslyftet – uppföljning',
    'Att leda en likvärdig skola',
    'Att organisera en likvärdig skola',
    'Framgångsrikt kollegialt lärande',
    'Fritidshemsseminarium',
    'Specialpedagogiskt seminarium',
  ];
  const find = (q: string) => matchByName(q, TITLES, (t) => t);

  it.each<[string, string, string[]]>([
    ['an exact name without diacritics and odd case', 'lasLyftet', ['Läslyftet']],
    ['an exact name wins over names that contain it', 'LÄSLYFTET', ['Läslyftet']],
    ['an exact name with extra spaces', '  Fritidshemsseminarium  ', ['Fritidshemsseminarium']],
    ['part of several names → all of them', 'likvardig skola', ['Att leda en likvärdig skola', 'Att organisera en likvärdig skola']],
    ['part of one name', 'kollegialt', ['Framgångsrikt kollegialt lärande']],
    ['a typo within tolerance (one letter missing, 8 letters → tolerance 1)', 'Läslyfet', ['Läslyftet']],
    ['a typo within tolerance (one letter doubled)', 'Lässlyftet', ['Läslyftet']],
    ['two typos in a long name (27 letters → tolerance 5)', 'Att leda en likvardig skolla', ['Att leda en likvärdig skola']],
    ['two typos in a 9-letter name (tolerance 1) → no match', 'Lsälyftet', []],
    ['no match', 'Matematiklyftet för gymnasiet', []],
    ['an empty query', '', []],
    ['a query of spaces only', '   ', []],
    // Documented limitation: the edit distance is measured against the whole name, so a typo in a
    // PART of a long name finds nothing.
    ['a typo in part of a long name (tolerance applies to the whole name) → no match', 'kolegialt', []],
  ])('%s: %p → %p', (_case, query, expected) => {
    expect(find(query)).toEqual(expected);
  });

  it('returns the items themselves (not names), in input order', () => {
    const items = [
      { id: 'b', title: 'Att organisera en likvärdig skola' },
      { id: 'a', title: 'Att leda en likvärdig skola' },
    ];
    expect(matchByName('likvärdig', items, (i) => i.title)).toEqual(items);
  });

  it('returns [] for no items', () => {
    expect(matchByName('Läslyftet', [], (t: string) => t)).toEqual([]);
  });
});
