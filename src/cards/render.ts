import { CardFactory, type Attachment } from 'botbuilder';
import * as ACData from 'adaptivecards-templating';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../util/root';

export const TEMPLATES = ['invitation', 'activity-form', 'profile', 'my-registrations', 'help', 'activity-list'] as const;
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
  return template(name).expand({ $root: view }) as Record<string, unknown>;
}

export function attachment(card: Record<string, unknown>): Attachment {
  return CardFactory.adaptiveCard(card);
}
