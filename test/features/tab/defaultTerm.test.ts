import { describe, expect, it } from '@jest/globals';
import { defaultTerm } from '../../../src/features/tab/api/overview';

// Which term Översikt opens on: the current one if it has activities, else the next that has, else the latest past one.
describe('defaultTerm', () => {
  it.each([
    ['ht26', ['ht26', 'vt27'], 'ht26'],
    ['ht26', ['vt27', 'ht25'], 'vt27'],
    ['ht26', ['ht27', 'vt27', 'vt26'], 'vt27'],
    ['vt27', ['ht26', 'vt25'], 'ht26'],
    ['vt27', [], 'vt27'],
    ['ht99', ['vt00'], 'vt00'],
  ])('today %s, activities in %j: %s', (current, terms, expected) => {
    expect(defaultTerm(current, new Set(terms))).toBe(expected);
  });
});
