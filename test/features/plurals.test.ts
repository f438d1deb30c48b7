import { describe, expect, it } from '@jest/globals';
import { render, type Lang } from '../../src/platform/i18n';
import { messages, type MessageKey } from '../../src/features/i18n';

// Every counted word of the merged catalogue (platform, kernel, features) in both languages: each message that counts something is rendered with
// 0, 1 and 2 and must read right ("1 kanal", "2 kanaler", "0 kanaler"; "1 channel", "2 channels").

type Forms = Record<Lang, [zero: string[], one: string[], two: string[]]>;
interface Case {
  /** Parameters for a count (every counted name gets it). */
  params: (n: number) => Record<string, string | number>;
  forms: Forms;
}

const p =
  (...names: string[]) =>
  (n: number) =>
    Object.fromEntries(names.map((x) => [x, n]));

const cases: Partial<Record<MessageKey, Case>> = {
  inv_whereChannels: { params: p('n'), forms: { sv: [['i 0 kanaler'], ['i 1 kanal'], ['i 2 kanaler']], en: [['in 0 channels'], ['in 1 channel'], ['in 2 channels']] } },
  inv_whereGroupChats: { params: p('n'), forms: { sv: [['i 0 gruppchattar'], ['i 1 gruppchatt'], ['i 2 gruppchattar']], en: [['in 0 group chats'], ['in 1 group chat'], ['in 2 group chats']] } },
  inv_wherePersonal: {
    params: p('n'),
    forms: { sv: [['i 0 personliga chattar'], ['i 1 personlig chatt'], ['i 2 personliga chattar']], en: [['in 0 personal chats'], ['in 1 personal chat'], ['in 2 personal chats']] },
  },
  rep_figureRows: { params: p('n'), forms: { sv: [['0 rader'], ['1 rad'], ['2 rader']], en: [['0 rows'], ['1 row'], ['2 rows']] } },
  rep_summaryIntro: { params: p('n'), forms: { sv: [['har 0 tabeller'], ['har 1 tabell.'], ['har 2 tabeller']], en: [['has 0 tables'], ['has 1 table.'], ['has 2 tables']] } },
  mine_series: { params: p('n'), forms: { sv: [['0 tillfällen'], ['1 tillfälle'], ['2 tillfällen']], en: [['0 sessions'], ['1 session'], ['2 sessions']] } },
  priv_series: {
    params: (n) => ({ n, when: 'x' }),
    forms: { sv: [['0 tillfällen från'], ['1 tillfälle från'], ['2 tillfällen från']], en: [['0 sessions from'], ['1 session from'], ['2 sessions from']] },
  },
  priv_att_minutes: { params: p('minutes'), forms: { sv: [['0 minuter'], ['1 minut'], ['2 minuter']], en: [['0 minutes'], ['1 minute'], ['2 minutes']] } },
  inv_placesLeft: {
    params: p('n', 'capacity'),
    forms: { sv: [['0 av 0 platser kvar'], ['1 av 1 plats kvar'], ['2 av 2 platser kvar']], en: [['0 of 0 places left'], ['1 of 1 place left'], ['2 of 2 places left']] },
  },
  team_formIntro: { params: (n) => ({ min: 1, max: n }), forms: { sv: [['1–0 personer'], ['1–1 person från'], ['1–2 personer']], en: [['1–0 people'], ['1–1 person from'], ['1–2 people']] } },
  team_saved: { params: p('n'), forms: { sv: [['med 0 personer.'], ['med 1 person.'], ['med 2 personer.']], en: [['with 0 people.'], ['with 1 person.'], ['with 2 people.']] } },
  team_told: {
    params: p('n'),
    forms: { sv: [['0 personer har fått'], ['1 person har fått'], ['2 personer har fått']], en: [['0 people have heard'], ['1 person has heard'], ['2 people have heard']] },
  },
  team_waiting: {
    params: (n) => ({ n, names: 'Nils' }),
    forms: {
      sv: [
        ['De får beskedet', 'när de öppnar'],
        ['Hen får beskedet', 'när hen öppnar', 'att hen ska'],
        ['De får beskedet', 'att de ska'],
      ],
      en: [['They will get'], ['They will get'], ['They will get']],
    },
  },
  team_changed: {
    params: p('added', 'removed'),
    forms: { sv: [['0 tillagda, 0 borttagna'], ['1 tillagd, 1 borttagen'], ['2 tillagda, 2 borttagna']], en: [['0 added, 0 removed'], ['1 added, 1 removed'], ['2 added, 2 removed']] },
  },
  team_membersCount: { params: p('n'), forms: { sv: [['0 personer'], ['1 person'], ['2 personer']], en: [['0 people'], ['1 person'], ['2 people']] } },
  team_errOtherOrganization: {
    params: p('n'),
    forms: { sv: [['0 av personerna hör'], ['1 av personerna hör'], ['2 av personerna hör']], en: [['0 of the people belong '], ['1 of the people belongs '], ['2 of the people belong ']] },
  },
  team_errTooManyLines: {
    params: p('max'),
    forms: { sv: [['högst 0 personer'], ['högst 1 person åt'], ['högst 2 personer']], en: [['at most 0 people'], ['at most 1 person at'], ['at most 2 people']] },
  },
  team_errTooFew: {
    params: p('min', 'n'),
    forms: {
      sv: [['minst 0 personer, och här är det 0'], ['minst 1 person, och här är det 1'], ['minst 2 personer, och här är det 2']],
      en: [['at least 0 people, and this one has 0'], ['at least 1 person, and'], ['at least 2 people, and']],
    },
  },
  team_errTooMany: {
    params: p('max', 'n'),
    forms: { sv: [['högst 0 personer'], ['högst 1 person, och'], ['högst 2 personer']], en: [['at most 0 people'], ['at most 1 person, and'], ['at most 2 people']] },
  },
  team_errInOtherTeam: {
    params: p('n'),
    forms: {
      sv: [['0 av personerna är redan med'], ['1 av personerna är redan med'], ['2 av personerna är redan med']],
      en: [['0 of the people are already'], ['1 of the people is already'], ['2 of the people are already']],
    },
  },
  team_errAlreadyRegistered: {
    params: p('n'),
    forms: {
      sv: [['redan anmälda till'], ['1 av personerna är redan anmäld till'], ['redan anmälda till']],
      en: [['0 of the people are already'], ['1 of the people is already'], ['2 of the people are already']],
    },
  },
  behalf_done: {
    params: p('registered', 'waitlisted', 'already'),
    forms: {
      sv: [['0 anmälda, 0 på väntelistan, 0 var redan anmälda'], ['1 anmäld, 1 på väntelistan, 1 var redan anmäld.'], ['2 anmälda, 2 på väntelistan, 2 var redan anmälda']],
      en: [['0 registered, 0 on the waiting list, 0 were already'], ['1 was already registered'], ['2 were already registered']],
    },
  },
  behalf_notTold: {
    params: p('n'),
    forms: {
      sv: [['De får beskedet'], ['1 av dem kan jag inte nå', 'Hen får beskedet', 'när hen öppnar'], ['De får beskedet', 'när de öppnar']],
      en: [['reach 0 of them'], ['reach 1 of them'], ['reach 2 of them']],
    },
  },
  behalf_errTooMany: {
    params: p('max'),
    forms: { sv: [['Högst 0 personer'], ['Högst 1 person åt'], ['Högst 2 personer']], en: [['At most 0 people'], ['At most 1 person at'], ['At most 2 people']] },
  },
  net_memberCount: { params: p('n'), forms: { sv: [['0 medlemmar'], ['1 medlem'], ['2 medlemmar']], en: [['0 members'], ['1 member'], ['2 members']] } },
  net_added: { params: p('n'), forms: { sv: [['0 tillagda i'], ['1 tillagd i'], ['2 tillagda i']], en: [['0 added'], ['1 added'], ['2 added']] } },
  net_imported: {
    params: p('n', 'added'),
    forms: { sv: [['0 medlemmar i Teams, 0 nya'], ['1 medlem i Teams, 1 ny i'], ['2 medlemmar i Teams, 2 nya']], en: [['0 members in Teams'], ['1 member in Teams'], ['2 members in Teams']] },
  },
  net_importPartial: {
    params: p('n', 'added'),
    forms: { sv: [['0 medlemmar (0 nya)'], ['1 medlem (1 ny)'], ['2 medlemmar (2 nya)']], en: [['0 members (0 new)'], ['1 member (1 new)'], ['2 members (2 new)']] },
  },
  net_importFailed: {
    params: p('n', 'added'),
    forms: {
      sv: [
        ['0 medlemmar hann', '(0 nya)'],
        ['1 medlem hann', '(1 ny)'],
        ['2 medlemmar hann', '(2 nya)'],
      ],
      en: [['0 members were imported'], ['1 member was imported'], ['2 members were imported']],
    },
  },
  rep_annualSubtitle: {
    params: p('n', 'years'),
    forms: {
      sv: [['0 aktiviteter under 0 år'], ['1 aktivitet under 1 år'], ['2 aktiviteter under 2 år']],
      en: [['0 activities over 0 years'], ['1 activity over 1 year'], ['2 activities over 2 years']],
    },
  },
  rep_ofPlaces: { params: p('n', 'capacity'), forms: { sv: [['0 av 0 platser'], ['1 av 1 plats'], ['2 av 2 platser']], en: [['0 of 0 places'], ['1 of 1 place'], ['2 of 2 places']] } },
  rep_ofMunicipalities: {
    params: p('n', 'of'),
    forms: { sv: [['0 av 0 kommuner'], ['1 av 1 kommun'], ['2 av 2 kommuner']], en: [['0 of 0 municipalities'], ['1 of 1 municipality'], ['2 of 2 municipalities']] },
  },
  rep_runsCount: { params: p('n'), forms: { sv: [['0 omgångar'], ['1 omgång'], ['2 omgångar']], en: [['0 runs'], ['1 run'], ['2 runs']] } },
  priv_erasedOther: {
    params: p('changed', 'deleted'),
    forms: {
      sv: [['(0 poster anonymiserade, 0 borttagna)'], ['(1 post anonymiserad, 1 borttagen)'], ['(2 poster anonymiserade, 2 borttagna)']],
      en: [['(0 records anonymised, 0 removed)'], ['(1 record anonymised, 1 removed)'], ['(2 records anonymised, 2 removed)']],
    },
  },
  priv_accessLine: {
    params: p('activities', 'rows'),
    forms: { sv: [['0 aktiviteter, 0 rader'], ['1 aktivitet, 1 rad'], ['2 aktiviteter, 2 rader']], en: [['0 activities, 0 rows'], ['1 activity, 1 row'], ['2 activities, 2 rows']] },
  },
  notice_lowReg: {
    params: (n) => ({ count: n, min: 10, deadline: 'x' }),
    forms: {
      sv: [['0 av minst 10 har anmält sig'], ['1 av minst 10 har anmält sig'], ['2 av minst 10 har anmält sig']],
      en: [['0 of at least 10 have registered'], ['1 of at least 10 has registered'], ['2 of at least 10 have registered']],
    },
  },
  notice_lowRegFollowUp: {
    params: (n) => ({ date: 'x', days: n, count: n, min: 10, gained: n, deadline: 'y' }),
    forms: {
      sv: [
        ['0 dagar senare har 0 av minst 10 anmält sig, 0 nya sedan dess'],
        ['1 dag senare har 1 av minst 10 anmält sig, 1 ny sedan dess'],
        ['2 dagar senare har 2 av minst 10 anmält sig, 2 nya sedan dess'],
      ],
      en: [['0 days later, 0 of at least 10 have registered'], ['1 day later, 1 of at least 10 has registered'], ['2 days later, 2 of at least 10 have registered']],
    },
  },
  notice_reinvited: {
    params: p('n'),
    forms: {
      sv: [['till 0 kanaler och chattar'], ['till 1 kanal eller chatt.'], ['till 2 kanaler och chattar']],
      en: [['to 0 channels and chats'], ['to 1 channel or chat.'], ['to 2 channels and chats']],
    },
  },
  unr_summary: {
    params: p('n', 'p'),
    forms: {
      sv: [['0 meddelanden till 0 personer'], ['1 meddelande till 1 person har'], ['2 meddelanden till 2 personer']],
      en: [['0 messages to 0 people'], ['1 message to 1 person did'], ['2 messages to 2 people']],
    },
  },
  unr_line: {
    params: (n) => ({ n, kind: 'K', when: 'W', names: 'N', reason: 'R' }),
    forms: { sv: [['W · 0 personer: N'], ['W · 1 person: N'], ['W · 2 personer: N']], en: [['W · 0 people: N'], ['W · 1 person: N'], ['W · 2 people: N']] },
  },
  unr_moreActivities: {
    params: p('n'),
    forms: { sv: [['och 0 aktiviteter till'], ['och 1 aktivitet till'], ['och 2 aktiviteter till']], en: [['and 0 more activities'], ['and 1 more activity'], ['and 2 more activities']] },
  },
  list_more: {
    params: (n) => ({ n, shown: n, year: 2021 }),
    forms: {
      sv: [['Visar 0 av 0 aktiviteter'], ['Visar 1 av 1 aktivitet.'], ['Visar 2 av 2 aktiviteter']],
      en: [['Showing 0 of 0 activities'], ['Showing 1 of 1 activity.'], ['Showing 2 of 2 activities']],
    },
  },
  responses_rate: {
    params: (n) => ({ answered: n, sent: 2, percent: 50 }),
    forms: { sv: [['0 av 2 har svarat'], ['1 av 2 har svarat'], ['2 av 2 har svarat']], en: [['0 of 2 have answered'], ['1 of 2 has answered'], ['2 of 2 have answered']] },
  },
  session_cancelled: {
    params: p('n'),
    forms: {
      sv: [['0 anmälda har fått besked'], ['1 anmäld har fått besked'], ['2 anmälda har fått besked']],
      en: [['0 registered people have been told'], ['1 registered person has been told'], ['2 registered people have been told']],
    },
  },
  att_markCounts: {
    params: p('present', 'registered', 'walkIns'),
    forms: {
      sv: [['0 av 0 anmälda närvarande'], ['1 av 1 anmäld närvarande'], ['2 av 2 anmälda närvarande']],
      en: [['0 of 0 registered present'], ['1 of 1 registered present'], ['2 of 2 registered present']],
    },
  },
  att_markSaved: {
    params: p('n'),
    forms: { sv: [['Sparat: 0 ändringar.'], ['Sparat: 1 ändring.'], ['Sparat: 2 ändringar.']], en: [['Saved: 0 changes.'], ['Saved: 1 change.'], ['Saved: 2 changes.']] },
  },
  att_graphFetched: { params: p('n'), forms: { sv: [['Teams: 0 personer.'], ['Teams: 1 person.'], ['Teams: 2 personer.']], en: [['Teams: 0 people.'], ['Teams: 1 person.'], ['Teams: 2 people.']] } },
};

const { sv, en } = messages;
const catalogs: Record<Lang, Record<MessageKey, string>> = { sv, en };
const COUNTED = /\{(\w+):[^{}|]*\|[^{}|]*\}/;
const keys = Object.keys(sv) as MessageKey[];

describe('counted words', () => {
  it('has a case here for every message with a counted word in either language (a new one must be added)', () => {
    const counted = keys.filter((k) => COUNTED.test(sv[k]) || COUNTED.test(en[k]));
    expect(counted.sort()).toEqual(Object.keys(cases).sort());
  });

  it('writes a form pair only as {name:one|other}, never a stray brace', () => {
    for (const lang of ['sv', 'en'] as const) {
      for (const k of keys) {
        const rest = catalogs[lang][k].replace(new RegExp(COUNTED.source, 'g'), '').replace(/\{\w+\}/g, '');
        expect({ lang, k, rest: /[{}]/.test(rest) }).toEqual({ lang, k, rest: false });
      }
    }
  });

  for (const [key, c] of Object.entries(cases) as [MessageKey, Case][]) {
    describe(key, () => {
      for (const lang of ['sv', 'en'] as const) {
        it.each([0, 1, 2])(`${lang} with %i reads right`, (n) => {
          const text = render(lang, catalogs[lang][key], c.params(n));
          for (const want of c.forms[lang][n] ?? []) expect(text).toContain(want);
          expect(text).not.toMatch(COUNTED);
          expect(text).not.toContain('#');
        });
      }
    });
  }
});
