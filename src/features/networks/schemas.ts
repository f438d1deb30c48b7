import { z } from 'zod';
import { JOB_ROLES } from '../../kernel/people';
import { ActivityIdSchema } from '../../kernel/activity';

export const NetworkIdSchema = z.string().regex(/^[a-z0-9]{8,32}$/);

const ChannelRefSchema = z.object({
  conversationId: z.string().max(500),
  serviceUrl: z.string().max(500),
  tenantId: z.string().max(100).optional(),
  teamId: z.string().max(500).optional(),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

/** A standing group with a roster, in the `directory` container under its own partition. */
export const NetworkSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('network'),
  networkId: NetworkIdSchema,
  name: z.string(),
  description: z.string().default(''),
  channel: ChannelRefSchema.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Network = z.infer<typeof NetworkSchema>;

/** One person on a network's roster (same partition as the network). */
export const NetworkMemberSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('networkMember'),
  networkId: z.string(),
  userId: z.string(),
  organizationId: z.string().optional(),
  jobRole: z.enum(JOB_ROLES).optional(),
  // The member left the network's reminders (and 1:1 invitations) themselves.
  remindersOff: z.boolean().optional(),
  source: z.enum(['added', 'imported']),
  addedBy: z.string(),
  addedAt: z.string(),
  updatedAt: z.string(),
});
export type NetworkMember = z.infer<typeof NetworkMemberSchema>;

/** "I cannot come" from a roster member, in the activity's partition; sessionId '' means every session. */
export const AbsenceSchema = z.object({
  id: z.string(),
  activityId: z.string(),
  type: z.literal('absence'),
  userId: z.string(),
  sessionId: z.string(),
  at: z.string(),
});
export type Absence = z.infer<typeof AbsenceSchema>;

export const NetworkFormSchema = z.object({
  name: z.string().trim().min(1, 'net_errName').max(100, 'net_errName'),
  description: z.string().trim().max(500, 'net_errDescription').default(''),
  linkHere: z.enum(['true', 'false']).default('false'),
});

export const NetworkRefSchema = z.object({ networkId: NetworkIdSchema });

export const MemberRefSchema = z.object({ networkId: NetworkIdSchema, userId: z.string().regex(/^[A-Za-z0-9-]{1,80}$/) });

export const AddMembersSchema = z.object({
  networkId: NetworkIdSchema,
  members: z.string().trim().max(4000, 'team_errTooLong').default(''),
  membersTyped: z.string().trim().max(6000, 'team_errTooLong').default(''),
  organizationId: z.string().trim().max(64).default(''),
  jobRole: z.union([z.enum(JOB_ROLES), z.literal('')]).default(''),
});

export const MeetingRefSchema = z.object({ activityId: ActivityIdSchema });
