// Team and network cards with hostile text where users' text goes, and what each viewer is offered.
import { describe, expect, it } from '@jest/globals';
import { translator } from '../../../src/features/i18n';
import { networkMembers } from '../../../src/features/networks/cardData';
import { teamForm, teamList } from '../../../src/features/staff-teams/cardData';
import { EVIL_FRAGMENTS, EVIL_TITLE, walk, type Json } from '../../unit/fixtures';
import { content, COORDINATOR, groupStub, MANAGER, network, people, rosterOf, teamActivity, teamCardCases, teamDoc, teamSeats } from './cardCases';

const HOSTILE = teamCardCases(EVIL_TITLE).flatMap((c) => (['sv', 'en'] as const).map((lang) => [`${c.template}: ${c.name}`, lang, c] as const));

describe.each(HOSTILE)('%s with hostile text (%s)', (_name, lang, c) => {
  it('shows users’ text only in TextRuns and input values, verbatim', async () => {
    const card = await c.card(lang);
    const exposed: string[] = [];
    walk(card, (n) => {
      // Choices (no type) are shown as plain text by Teams.
      if (typeof n.type !== 'string') return;
      for (const k of ['text', 'title', 'label', 'placeholder']) {
        const v = n[k];
        if (typeof v !== 'string' || !EVIL_FRAGMENTS.some((f) => v.includes(f))) continue;
        if (n.type === 'TextRun' && k === 'text') continue;
        exposed.push(`${n.type}.${k}`);
      }
    });
    expect(exposed).toEqual([]);
  });
});

const pickerOf = (card: Json, id: string): Json | undefined => {
  let found: Json | undefined;
  walk(card, (n) => {
    if (n.type === 'Input.ChoiceSet' && n.id === id) found = n;
  });
  return found;
};

describe('the team form', () => {
  it('picks members and the principal with the Teams people picker (Data.Query on graph users)', async () => {
    const card = content(await teamForm(groupStub(), { lang: 'sv', activity: teamActivity(), registrar: MANAGER }));
    for (const id of ['members', 'principal']) {
      expect(pickerOf(card, id)?.['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users' });
    }
    expect(pickerOf(card, 'members')?.isMultiSelect).toBe(true);
    expect(JSON.stringify(card)).toContain('Ett team är 5–12 personer');
  });

  it('offers a manager only their own organisation, a coordinator all', async () => {
    const orgsFor = async (registrar: typeof MANAGER) =>
      ((pickerOf(content(await teamForm(groupStub(), { lang: 'en', activity: teamActivity(), registrar })), 'organizationId')?.choices ?? []) as { value: string }[]).map((c) => c.value);
    expect(await orgsFor(MANAGER)).toEqual(['ange']);
    expect((await orgsFor(COORDINATOR)).length).toBeGreaterThan(5);
  });

  it('shows a team’s members by name when changing it', async () => {
    const activity = teamActivity();
    const team = teamDoc(activity, 1);
    const crowd = people(6);
    const card = content(await teamForm(groupStub({ persons: crowd, seats: [teamSeats(activity, [{ teamId: team.teamId, size: 6 }])] }), { lang: 'sv', activity, registrar: MANAGER, team }));
    const members = pickerOf(card, 'members');
    expect(String(members?.value).split(',')).toHaveLength(6);
    expect((members?.choices as { title: string }[]).map((c) => c.title)).toContain(crowd[0]?.name);
  });
});

describe('the team list', () => {
  const activity = teamActivity();
  const mine = teamDoc(activity, 1);
  const other = teamDoc(activity, 2, { registeredBy: 'aad-other' });
  const seats = teamSeats(activity, [
    { teamId: mine.teamId, size: 5 },
    { teamId: other.teamId, size: 5 },
  ]);

  it('lets the one who registered a team change or cancel it, not others’ teams', async () => {
    const card = content(await teamList(groupStub({ seats: [seats] }), { lang: 'sv', activity, teams: [mine, other], viewer: MANAGER }));
    const verbs: string[] = [];
    walk(card, (n) => {
      if (n.type === 'Action.Execute') verbs.push(`${String(n.verb)}:${String((n.data as Json).teamId)}`);
    });
    expect(verbs).toEqual([`team.form:${mine.teamId}`, `team.cancel:${mine.teamId}`]);
  });

  it('shows the principal’s answer about the kick-off and the history', async () => {
    const answered = { ...mine, kickoff: { answer: 'no' as const, at: '2026-11-12T10:00:00.000Z', sessionId: 's1' } };
    const text = JSON.stringify(content(await teamList(groupStub({ seats: [seats] }), { lang: 'en', activity, teams: [answered], viewer: COORDINATOR })));
    expect(text).toContain(translator('en')('team_kickoffNo'));
    expect(text).toContain('registered the team');
  });
});

describe('the roster', () => {
  const net = network();
  const crowd = people(95);
  const roster = rosterOf(net, crowd);

  it('a manager sees only their organisation’s members and cannot edit', async () => {
    const card = content(await networkMembers(groupStub({ persons: crowd, members: roster }), { lang: 'sv', network: net, viewer: MANAGER, canImport: true }));
    const names = JSON.stringify(card);
    const ange = crowd.filter((p) => p.organizationId === 'ange');
    expect(ange.length).toBeGreaterThan(5);
    for (const p of crowd) expect(names.includes(`"${p.name}"`)).toBe(p.organizationId === 'ange');
    expect(names).not.toContain('network.members.remove');
    expect(names).not.toContain('network.import');
  });

  it('a coordinator pages through 40 at a time, with remove buttons and the import in a channel', async () => {
    const page = async (offset: number) =>
      JSON.stringify(content(await networkMembers(groupStub({ persons: crowd, members: roster }), { lang: 'en', network: net, viewer: COORDINATOR, canImport: true, offset })));
    const first = await page(0);
    expect(first).toContain('Showing 1–40 of 95.');
    expect(first.match(/network\.members\.remove/g)).toHaveLength(40);
    expect(first).toContain('network.import');
    expect(await page(80)).toContain('Showing 81–95 of 95.');
  });
});
