import { z } from 'zod';

/** A member as the Teams roster APIs return it (getMember, paged members); only what we use. */
export const TeamsMemberSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  email: z.string().optional(),
  userPrincipalName: z.string().optional(),
  tenantId: z.string().optional(),
  userRole: z.string().optional(),
});
