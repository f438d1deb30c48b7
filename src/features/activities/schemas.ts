import { ActivityIdSchema } from '../../kernel/activity';
import { z } from 'zod';
import { MAX_SESSIONS } from '../../kernel/activity';

const optionalId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{0,64}$/)
  .optional()
  .transform((v) => (v ? v : undefined));

/** What the form card sends besides its inputs. */
export const FormEnvelopeSchema = z.object({
  activityId: optionalId,
  sessionCount: z.coerce.number().int().min(1).max(MAX_SESSIONS),
});

export const ActivityRefSchema = z.object({ activityId: ActivityIdSchema });

/** "Publicera här": confirm is "yes" once the coordinator has said a second posting is wanted. */
export const PublishInputSchema = ActivityRefSchema.extend({ confirm: z.string().max(8).optional() });
