import { describe, expect, it } from '@jest/globals';
import { displayName, isWellFormed, NAME_MAX, plain } from '../../src/kernel/wellFormed';

describe('text from outside', () => {
  it('plain() escapes markdown so a phishing name stays text', () => {
    expect(plain('[Klicka här](https://evil.example/phish) **VIKTIGT**')).toBe('\\[Klicka här\\]\\(https://evil.example/phish\\) \\*\\*VIKTIGT\\*\\*');
    expect(plain('1. punkt')).toBe('1\\. punkt');
    expect(plain('- lista\n# rubrik')).toBe('\\- lista # rubrik');
    expect(plain('Anna-Karin #1')).toBe('Anna-Karin #1');
    expect(plain('Åsa Öberg')).toBe('Åsa Öberg');
  });

  it('displayName() trims, drops control and bidi characters, repairs lone surrogates and caps the length', () => {
    expect(displayName('  Åsa\u0000\u202E  Öberg\n')).toBe('Åsa Öberg');
    expect(displayName('a\uD800b')).toBe('a\uFFFDb');
    expect(displayName('x'.repeat(900_000))).toHaveLength(NAME_MAX);
    expect(Array.from(displayName('😀'.repeat(300)))).toHaveLength(NAME_MAX);
  });

  it('isWellFormed() finds lone surrogates only', () => {
    expect(isWellFormed('😀 Åsa')).toBe(true);
    expect(isWellFormed('a\uD800')).toBe(false);
    expect(isWellFormed('\uDC00a')).toBe(false);
  });
});
