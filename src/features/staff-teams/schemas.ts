import { z } from 'zod';
import { ActivityIdSchema } from '../../kernel/activity';
import { ScopeIdSchema } from '../registration';

const TEAM_HISTORY_ACTIONS = ['created', 'added', 'removed', 'principal', 'renamed', 'cancelled', 'kickoff'] as const;

const TeamChangeSchema = z.object({
  at: z.string(),
  by: z.string(),
  action: z.enum(TEAM_HISTORY_ACTIONS),
  userIds: z.array(z.string()).default([]),
});
export type TeamChange = z.infer<typeof TeamChangeSchema>;

/**
 * A team registered to an activity, in the activity's partition. Who holds the team's place is
 * the seat list (entries with this teamId); this document names the team and keeps its history.
 */
export const TeamDocSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('team'),
  teamId: z.string(),
  scope: z.string(),
  name: z.string(),
  organizationId: z.string(),
  unit: z.string(),
  principalId: z.string().optional(),
  registeredBy: z.string(),
  status: z.enum(['active', 'cancelled']),
  kickoff: z.object({ answer: z.enum(['yes', 'no']), at: z.string(), sessionId: z.string() }).optional(),
  history: z.array(TeamChangeSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamDoc = z.infer<typeof TeamDocSchema>;

const TeamIdSchema = z.string().regex(/^[a-f0-9]{16}$/);

// Messages are i18n keys, so the handler can say what is wrong in the user's language.
const text = (max: number, key: string) => z.string().trim().min(1, key).max(max, key);
const optionalText = (max: number) => z.string().trim().max(max, 'team_errTooLong').default('');

/** What the team form sends (inputs plus the ids the card carries). */
export const TeamFormSchema = z.object({
  activityId: ActivityIdSchema,
  teamId: z.union([TeamIdSchema, z.literal('')]).default(''),
  scope: ScopeIdSchema.optional(),
  organizationId: text(64, 'team_errOrganizationMissing'),
  unit: text(200, 'team_errUnit'),
  name: text(100, 'team_errName'),
  // Input.ChoiceSet with the people picker: comma-separated Entra object ids.
  members: optionalText(4000),
  membersTyped: optionalText(6000),
  principal: optionalText(100),
  principalTyped: optionalText(400),
});
export type TeamForm = z.infer<typeof TeamFormSchema>;

export const BehalfFormSchema = z.object({
  activityId: ActivityIdSchema,
  scope: ScopeIdSchema,
  organizationId: text(64, 'team_errOrganizationMissing'),
  members: optionalText(4000),
  membersTyped: optionalText(6000),
});

export const TeamRefSchema = z.object({
  activityId: ActivityIdSchema,
  teamId: z.union([TeamIdSchema, z.literal('')]).default(''),
  confirm: z.string().max(10).optional(),
});

/** Buttons on 1:1 notices carry the activity, the seat list (or session) and a yes/no. */
export const NoticeRefSchema = z.object({
  activityId: ActivityIdSchema,
  sessionId: z.union([ScopeIdSchema, z.literal('')]).default(''),
  confirm: z.string().max(10).default(''),
});

const count = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.number('team_settingsErrNumber').int('team_settingsErrNumber').min(min, 'team_settingsErrNumber').max(max, 'team_settingsErrNumber'),
  );

export const TeamSettingsFormSchema = z
  .object({
    activityId: ActivityIdSchema,
    mode: z.enum(['individual', 'team'], 'err_choice'),
    minSize: count(1, 100).default(5),
    maxSize: count(1, 100).default(12),
    maxPeople: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), count(1, 10000).optional()),
    networkId: z.string().max(100).default(''),
  })
  .refine((f) => f.minSize <= f.maxSize, { message: 'team_settingsErrSize', path: ['minSize'] });

/** Entra object ids from the people picker (a GUID each). */
export const AadIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
