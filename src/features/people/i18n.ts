// The people feature's messages.
// Swedish is the default; `satisfies` makes a key missing from en, or one sv lacks, a type error.
export const sv = {
  role_teacher: 'Lärare',
  role_preschoolTeacher: 'Förskollärare',
  role_specialEducator: 'Specialpedagog / speciallärare',
  role_principal: 'Rektor (förskola eller skola)',
  role_schoolLeader: 'Skolchef / förvaltning',
  role_developer: 'Utvecklare / samordnare',
  role_researcher: 'Forskare / lärarutbildare',
  role_other: 'Annan roll',
  lang_setSv: 'Nu skriver jag till dig på svenska. Skriv **language english** för engelska.',
  lang_setEn: 'Nu skriver jag till dig på engelska. Skriv **språk svenska** för svenska.',
  lang_auto: 'Nu följer jag språket i din Teams igen (just nu svenska).',
  lang_current: 'Jag skriver till dig på svenska. Skriv **language english** för engelska, eller **språk automatiskt** för att följa Teams.',
  lang_unknown: 'Skriv **språk svenska**, **language english** eller **språk automatiskt**.',
} as const;

export const en = {
  role_teacher: 'Teacher',
  role_preschoolTeacher: 'Preschool teacher',
  role_specialEducator: 'Special needs educator',
  role_principal: 'Principal (preschool or school)',
  role_schoolLeader: 'Head of education / administration',
  role_developer: 'Developer / coordinator',
  role_researcher: 'Researcher / teacher educator',
  role_other: 'Other role',
  lang_setSv: 'I will write to you in Swedish from now on. Write **language english** for English.',
  lang_setEn: 'I will write to you in English from now on. Write **språk svenska** for Swedish.',
  lang_auto: 'I follow your Teams language again (English right now).',
  lang_current: 'I write to you in English. Write **språk svenska** for Swedish, or **language automatic** to follow Teams.',
  lang_unknown: 'Write **language english**, **språk svenska** or **language automatic**.',
} satisfies Record<keyof typeof sv, string>;
