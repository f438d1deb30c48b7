import { keyOf, mergeCatalogues, translatorOver, type Lang, type TranslateIn } from '../platform/i18n';
import * as platform from '../platform/i18n/messages';
import * as kernel from '../kernel/i18n';
import * as activities from './activities/i18n';
import * as attendance from './attendance/i18n';
import * as networks from './networks/i18n';
import * as people from './people/i18n';
import * as privacy from './privacy/i18n';
import * as registration from './registration/i18n';
import * as reminders from './reminders/i18n';
import * as reports from './reports/i18n';
import * as roles from './roles/i18n';
import * as staffTeams from './staff-teams/i18n';
import * as surveys from './surveys/i18n';

export { langFromLocale, langOfPerson, type Lang } from '../platform/i18n';

/**
 * Every text the bot says: the platform's, the kernel's shared words and each feature's, in one
 * catalogue (a key in two of them does not compile). Features translate through this module.
 */
export const messages = mergeCatalogues([platform, kernel, activities, attendance, networks, people, privacy, registration, reminders, reports, roles, staffTeams, surveys]);

export type MessageKey = keyof typeof messages.sv;
export type Translate = TranslateIn<typeof messages.sv>;
export const translator: (lang: Lang) => Translate = translatorOver(messages);
/** Whether a string read at run time (a schema's message, a stored job's key) is one of the texts. */
export const isMessageKey = keyOf(messages);
