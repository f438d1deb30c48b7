import { describe, expect, it } from '@jest/globals';
import { organizationOfAddress } from '../../src/kernel/people';
import { defaultOrganizations } from '../../src/features/people/seed';

const orgs = [
  { id: 'timra', domains: ['timra.se'] },
  { id: 'sundsvall', domains: ['sundsvall.se'] },
  // A more specific domain beats its parent.
  { id: 'sundsvall-gy', domains: ['gymnasiet.sundsvall.se'] },
  { id: 'no-domains' },
];

describe('organizationOfAddress: the organisation an e-mail domain belongs to', () => {
  it.each<[string | undefined, string | undefined]>([
    ['anna@timra.se', 'timra'],
    ['Anna.Berg@TIMRA.SE', 'timra'],
    ['  anna@timra.se  ', 'timra'],
    ['anna@edu.timra.se', 'timra'],
    ['timra.se', 'timra'],
    ['elev@gymnasiet.sundsvall.se', 'sundsvall-gy'],
    ['x@skola.gymnasiet.sundsvall.se', 'sundsvall-gy'],
    ['x@sundsvall.se', 'sundsvall'],
    ['x@nottimra.se', undefined],
    ['x@timra.se.example.org', undefined],
    ['x@gmail.com', undefined],
    ['x@se', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%s → %s', (address, expected) => {
    expect(organizationOfAddress(address, orgs)).toBe(expected);
  });

  it('the default list gives every municipality of the network a domain that resolves to it', () => {
    const list = defaultOrganizations();
    for (const o of list.filter((x) => x.kind === 'municipality')) {
      expect(o.domains?.length).toBeGreaterThan(0);
      expect(organizationOfAddress(`rektor@${o.domains?.[0] ?? ''}`, list)).toBe(o.id);
    }
    expect(organizationOfAddress('tove.lund@edu.timra.se', list)).toBe('timra');
    expect(organizationOfAddress('asa.oberg@ostersund.se', list)).toBe('ostersund');
  });
});
