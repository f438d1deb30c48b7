// Who the scheduler reminds and invites without a place: a network's roster and a team's principal.
import { describe, expect, it } from '@jest/globals';
import { GroupAudience } from '../../../src/features/networks/audience';
import { retryAfterMs } from '../../../src/features/networks/importMembers';
import type { Absence, NetworkMember } from '../../../src/features/networks/schemas';
import type { GroupServices } from '../../../src/features/staff-teams/service';
import type { TeamDoc } from '../../../src/features/staff-teams/schemas';
import { activityFixture, NOW, weeklySessions } from '../../unit/fixtures';
import { network, people, rosterOf, teamActivity, teamDoc } from '../staff-teams/cardCases';

const net = network();
const [anna, bo, cilla, dan] = people(4);
if (!anna || !bo || !cilla || !dan) throw new Error('fixture');
const roster: NetworkMember[] = rosterOf(net, [anna, bo, cilla, dan]).map((m) => ({ ...m, remindersOff: m.userId === cilla.aadObjectId }));
const meeting = activityFixture({ id: 'act-ikt3', activityId: 'act-ikt3', kind: 'networkMeeting', networkId: net.networkId, sessions: weeklySessions(2) });
const absences: Absence[] = [
  { id: 'absence-s1-bo', activityId: meeting.id, type: 'absence', userId: bo.aadObjectId, sessionId: 's1', at: NOW.toISOString() },
  { id: 'absence-all-dan', activityId: meeting.id, type: 'absence', userId: dan.aadObjectId, sessionId: '', at: NOW.toISOString() },
];

function groups(teams: TeamDoc[] = []): GroupServices {
  return {
    networks: {
      members: async (id: string) => roster.filter((m) => m.networkId === id),
      member: async (id: string, userId: string) => roster.find((m) => m.networkId === id && m.userId === userId) ?? null,
    },
    absences: {
      ofActivity: async (id: string) => absences.filter((a) => a.activityId === id),
      isAbsent: async (id: string, sessionId: string, userId: string) => absences.some((a) => a.activityId === id && a.userId === userId && (a.sessionId === sessionId || a.sessionId === '')),
    },
    teams: { ofActivity: async () => teams },
  } as unknown as GroupServices;
}

describe('GroupAudience', () => {
  it.each<[string, string[]]>([
    ['s1', [anna.aadObjectId]],
    ['s2', [anna.aadObjectId, bo.aadObjectId]],
  ])('reminds the roster of %s except those who left the reminders or cannot come', async (sessionId, expected) => {
    expect(await new GroupAudience(groups(), 'sv').remindedOf(meeting, sessionId)).toEqual(expected);
  });

  it.each<[string, string, boolean]>([
    ['a member still expected', anna.aadObjectId, true],
    ['a member who cannot come to this session', bo.aadObjectId, false],
    ['a member who left the reminders', cilla.aadObjectId, false],
    ['a member who cannot come at all', dan.aadObjectId, false],
    ['someone not on the roster', 'aad-stranger', false],
  ])('checks again at sending time: %s', async (_name, userId, expected) => {
    expect(await new GroupAudience(groups(), 'sv').stillReminded(meeting, 's1', userId)).toBe(expected);
  });

  it('invites every roster member 1:1 once per process hour, with buttons to decline, open the invitation and leave', async () => {
    const audience = new GroupAudience(groups(), 'sv');
    const jobs = await audience.invitations(meeting, NOW);
    expect(jobs.map((j) => j.toUserId)).toEqual([anna.aadObjectId, bo.aadObjectId]);
    expect(jobs[0]).toMatchObject({
      id: `netinv-${meeting.id}-${anna.aadObjectId}`,
      kind: 'notice',
      payload: { textKey: 'net_invite', headingKey: 'net_inviteHeading', whenStart: meeting.sessions[0]?.start, whenEnd: meeting.sessions[1]?.end },
    });
    expect(
      String(jobs[0]?.payload.buttons)
        .split('|')
        .map((b) => b.split(':')[0]),
    ).toEqual(['network.decline', 'invitation.show', 'network.leave']);
    expect(await audience.invitations(meeting, NOW)).toEqual([]);
    expect(await audience.invitations(meeting, new Date(NOW.getTime() + 2 * 3_600_000))).toHaveLength(2);
    expect(await audience.invitations({ ...meeting, status: 'draft' }, NOW)).toEqual([]);
  });

  it('reminds a team’s principal of the kick-off only after a yes', async () => {
    const activity = teamActivity();
    const yes = teamDoc(activity, 1, { kickoff: { answer: 'yes', at: NOW.toISOString(), sessionId: 's1' } });
    const no = teamDoc(activity, 2, { kickoff: { answer: 'no', at: NOW.toISOString(), sessionId: 's1' } });
    const audience = new GroupAudience(groups([yes, no]), 'sv');
    expect(await audience.remindedOf(activity, 's1')).toEqual([yes.principalId]);
    expect(await audience.remindedOf(activity, 's2')).toEqual([]);
    expect(await audience.stillReminded(activity, 's1', no.principalId ?? '')).toBe(false);
  });
});

describe('retryAfterMs', () => {
  const errWith = (value: string | null) => ({ statusCode: 429, response: { headers: { get: (k: string) => (k === 'retry-after' ? value : null) } } });
  it.each<[string, unknown, number | null]>([
    ['seconds', errWith('3'), 3000],
    ['an HTTP date', errWith(new Date(NOW.getTime() + 5000).toUTCString()), 5000],
    ['no header', errWith(null), null],
    ['not a RestError', new Error('boom'), null],
  ])('%s', (_name, err, expected) => {
    expect(retryAfterMs(err, NOW.getTime())).toBe(expected);
  });
});
