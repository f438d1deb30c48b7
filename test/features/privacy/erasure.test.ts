import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { anonymize, legacyErasureId, type Subject } from '../../../src/features/privacy/anonymize';
import { erasureId } from '../../../src/features/privacy/salt';

// What erasure leaves: a stand-in without the text the person typed, and a tombstone whose id
// cannot be computed from a list of user ids without the secret salt.

const AAD = '00000000-0000-4000-8000-00000000abcd';
const SALT = 'a'.repeat(64);
const subject: Subject = { ids: [AAD], mris: [], names: ['Åsa Öberg'], addresses: ['asa@example.se'], anonId: 'anon-0123456789abcdef0123' };

describe('the anonymous stand-in', () => {
  it('keeps the listed organisation of an attendance row but not the organisation text typed for "other"', () => {
    const row = {
      id: 'att-s1-x',
      activityId: 'act',
      type: 'attendance',
      sessionId: 's1',
      personKey: `aad-${AAD}`,
      person: { aadObjectId: AAD, name: 'Åsa Öberg', email: 'asa@example.se', organizationId: 'other', organizationOther: 'Åsas Konsult AB' },
      present: true,
    };
    const out = anonymize('activities', row, subject);
    expect(out?.person).toEqual({ aadObjectId: subject.anonId, organizationId: 'other' });
    expect(JSON.stringify(out)).not.toContain('Konsult');
  });
});

describe('the erasure tombstone', () => {
  const unsalted = `erased-${createHash('sha256').update(AAD).digest('hex').slice(0, 40)}`;

  it('is not the unsalted hash of the id anyone could compute', () => {
    expect(erasureId(SALT, AAD)).not.toBe(unsalted);
    expect(legacyErasureId(AAD)).toBe(unsalted);
  });

  it('depends on the salt, not on the case of the id, and has the old shape', () => {
    expect(erasureId(SALT, AAD)).not.toBe(erasureId('b'.repeat(64), AAD));
    expect(erasureId(SALT, AAD.toUpperCase())).toBe(erasureId(SALT, AAD));
    expect(erasureId(SALT, AAD)).toMatch(/^erased-[0-9a-f]{40}$/);
  });
});
