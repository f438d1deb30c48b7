import { z } from 'zod';
import { displayName, GUID, isWellFormed, toWellFormed } from '../../kernel/wellFormed';

// The activity envelope, parsed once at the HTTP edge: exactly the fields the bot (and botbuilder on
// its behalf) reads. A field the bot needs with the wrong type refuses the request; a cosmetic
// one Teams may omit (a display name, the locale, a timestamp) is dropped instead. Fields not
// named here pass through untouched for botbuilder.

// Ids go into URLs, headers and document ids: well-formed Unicode, nothing invisible.
const id = (max = 1024) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => isWellFormed(s) && !/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(s), { message: 'not a well-formed id' });
/** Absent and null are the same thing for an optional field. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
/** Dropped when it is not what Teams would send. */
const droppable = <T extends z.ZodType>(schema: T) => optional(schema).catch(undefined);

const Name = droppable(z.string().transform(displayName));
const Tenant = id(128);
const Locale = droppable(
  z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/),
);
const Timestamp = droppable(
  z
    .string()
    .max(64)
    .refine((s) => Number.isFinite(Date.parse(s))),
);

const Account = z.looseObject({
  id: id(),
  name: Name,
  aadObjectId: optional(z.string().regex(GUID)),
});

const Ref = z.looseObject({ id: optional(id()), name: Name });

// Mentions and other entities only enrich a message; one botbuilder cannot read is left out.
const Entity = z.looseObject({
  type: z.string().max(128),
  text: optional(z.string().max(10_000)),
  mentioned: optional(z.looseObject({ id: id(), name: Name, aadObjectId: optional(z.string().max(128)) })),
});
const Entities = droppable(
  z.array(z.unknown()).transform((items) =>
    items.flatMap((e) => {
      const p = Entity.safeParse(e);
      return p.success && (p.data.type.toLowerCase() !== 'mention' || p.data.mentioned) ? [p.data] : [];
    }),
  ),
);

export const EnvelopeSchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: optional(id()),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  channelId: z.string().min(1).max(64),
  name: optional(z.string().max(256)),
  locale: Locale,
  text: optional(z.string().transform(toWellFormed)),
  value: z.unknown().optional(),
  replyToId: optional(id()),
  timestamp: Timestamp,
  localTimestamp: Timestamp,
  expiration: Timestamp,
  from: Account,
  recipient: Account,
  conversation: z.looseObject({
    id: id(),
    name: Name,
    conversationType: optional(z.string().max(64)),
    isGroup: optional(z.boolean()),
    tenantId: optional(Tenant),
  }),
  channelData: optional(
    z.looseObject({
      tenant: optional(z.looseObject({ id: optional(Tenant) })),
      eventType: optional(z.string().max(128)),
      team: optional(Ref),
      channel: optional(Ref),
      meeting: optional(z.looseObject({ id: optional(id(4096)) })),
    }),
  ),
  attachments: optional(z.array(z.looseObject({ contentType: z.string().max(256), name: optional(z.string().max(1024)) }))),
  membersAdded: optional(z.array(Account)),
  membersRemoved: optional(z.array(Account)),
  entities: Entities,
});
