// What the platform answers by itself: failed turns, unreadable or stale buttons, unknown
// commands, refused tenants and roles, the welcome.
// Swedish is the default; `satisfies` makes a key missing from en, or one sv lacks, a type error.
export const sv = {
  unknownCommand: 'Det där förstod jag inte. Skriv **hjälp** för att se vad jag kan.',
  welcome: 'Hej! Jag är Träffpunkt. Här får du inbjudningar till nätverkets seminarier och träffar och kan anmäla dig direkt. Skriv **hjälp** för att se vad jag kan.',
  err_generic: 'Något gick fel hos mig. Ingenting av det du gjort har gått förlorat – försök igen om en stund. (Referens: {ref})',
  err_storeUnavailable: 'Jag når inte mina register just nu. Ingenting av det du gjort har gått förlorat – försök igen om en liten stund. (Referens: {ref})',
  err_badAction: 'Den här knappen kunde jag inte tolka. Ingenting har ändrats. Prova att uppdatera kortet eller skriv **hjälp**.',
  err_staleAction: 'Den här knappen är inaktuell eller kunde inte läsas. Ingenting har ändrats. Skriv **hjälp** för att börja om.',
  err_forbidden: 'Det här får bara samordnare göra. Kontakta nätverkets kansli om du behöver behörighet.',
  err_tenantNotAllowed: 'Träffpunkt är inte öppen för din organisation. Kontakta nätverkets kansli.',
} as const;

export const en = {
  unknownCommand: 'I did not understand that. Write **help** to see what I can do.',
  welcome: "Hi! I am Träffpunkt. Here you get invitations to the network's seminars and meetings and can register right away. Write **help** to see what I can do.",
  err_generic: 'Something went wrong on my side. Nothing you did has been lost – please try again in a moment. (Reference: {ref})',
  err_storeUnavailable: 'I cannot reach my records right now. Nothing you did has been lost – please try again in a moment. (Reference: {ref})',
  err_badAction: 'I could not read that button. Nothing was changed. Try refreshing the card or write **help**.',
  err_staleAction: 'This button is out of date or could not be read. Nothing was changed. Write **help** to start over.',
  err_forbidden: 'Only coordinators can do this. Contact the network office if you need access.',
  err_tenantNotAllowed: 'Träffpunkt is not open to your organisation. Please contact the network office.',
} satisfies Record<keyof typeof sv, string>;
