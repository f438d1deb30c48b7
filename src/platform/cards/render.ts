import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../kernel/root';

export const TEMPLATES = [
  'invitation',
  'activity-form',
  'profile',
  'my-registrations',
  'help',
  'activity-list',
  'reminder',
  'survey',
  'notice',
  'responses',
  'attendance-checkin',
  'attendance-summary',
  'attendance-mark',
  'attendance-sessions',
  'report-answer',
  'report-pick',
  'report-export',
  'team-form',
  'team-behalf',
  'team-settings',
  'team-list',
  'network-form',
  'network-list',
  'network-members',
  'privacy-mydata',
  'privacy-confirm',
  'registration-confirmation',
] as const;
export type TemplateName = (typeof TEMPLATES)[number];

const cache = new Map<TemplateName, ACData.Template>();

function template(name: TemplateName): ACData.Template {
  let t = cache.get(name);
  if (!t) {
    const file = path.join(projectRoot(), 'cards', `${name}.json`);
    t = new ACData.Template(JSON.parse(readFileSync(file, 'utf8')));
    cache.set(name, t);
  }
  return t;
}

/** Expands a template with its view; only the typed functions in views.ts call this. */
export function expand(name: TemplateName, view: object): Record<string, unknown> {
  return withoutNulls(template(name).expand({ $root: view })) as Record<string, unknown>;
}

/** A `$when` that is false on an object property leaves `null` behind; the card schema wants it absent. */
function withoutNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((n) => n !== null).map(withoutNulls);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (v !== null) out[k] = withoutNulls(v);
    return out;
  }
  return node;
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card as the features hand it to Teams (the shape of a Bot Framework attachment). */
export interface Card {
  contentType: typeof ADAPTIVE_CARD;
  content: Record<string, unknown>;
}

export function attachment(card: Record<string, unknown>): Card {
  return { contentType: ADAPTIVE_CARD, content: card };
}
