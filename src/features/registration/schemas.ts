import { z } from 'zod';

import { ActivityIdSchema } from '../../kernel/activity';

export const ScopeIdSchema = z.string().regex(/^(s[0-9]{1,3}|series)$/);

export const RegisterInputSchema = z.object({ activityId: ActivityIdSchema, sessionId: ScopeIdSchema });
export type RegisterInput = z.infer<typeof RegisterInputSchema>;

export const CancelInputSchema = z.object({
  activityId: ActivityIdSchema,
  sessionId: ScopeIdSchema,
  view: z.enum(['invitation', 'mine']).default('invitation'),
});
export type CancelInput = z.infer<typeof CancelInputSchema>;

/** "Ångra" after a cancel registers again; the answer stays on the card it was pressed on. */
export const RegisterViewSchema = z.object({
  view: z.enum(['invitation', 'mine']).default('invitation'),
  undo: z.boolean().default(false),
});
export type RegisterView = z.infer<typeof RegisterViewSchema>;
