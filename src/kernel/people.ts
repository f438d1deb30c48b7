import { z } from 'zod';

export const JOB_ROLES = ['teacher', 'preschoolTeacher', 'specialEducator', 'principal', 'schoolLeader', 'developer', 'researcher', 'other'] as const;
export type JobRole = (typeof JOB_ROLES)[number];

const APP_ROLES = ['coordinator', 'manager'] as const;
export type AppRole = (typeof APP_ROLES)[number];

export const OrganizationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1).max(200),
  kind: z.enum(['municipality', 'university', 'agency', 'region', 'association', 'schoolOrganiser', 'other']),
  county: z.string().optional(),
  /** E-mail domains of the organisation (lower case); a subdomain (edu.timra.se) belongs to it too. */
  domains: z
    .array(z.string().regex(/^[a-z0-9.-]{1,253}$/))
    .max(50)
    .optional(),
});
export type Organization = z.infer<typeof OrganizationSchema>;

/**
 * The organisation an e-mail address (or UPN, or bare domain) belongs to by its domain: the
 * longest listed domain that is the address's domain or a parent of it. Unknown stays undefined.
 */
export function organizationOfAddress(address: string | undefined, orgs: readonly Pick<Organization, 'id' | 'domains'>[]): string | undefined {
  const domain = (address ?? '').trim().toLowerCase().split('@').pop()?.replace(/\.$/, '') ?? '';
  if (!domain || !domain.includes('.')) return undefined;
  let best: { id: string; length: number } | undefined;
  for (const o of orgs) {
    for (const d of o.domains ?? []) {
      const dl = d.toLowerCase();
      if ((domain === dl || domain.endsWith(`.${dl}`)) && (!best || dl.length > best.length)) best = { id: o.id, length: dl.length };
    }
  }
  return best?.id;
}

export const OTHER_ORGANIZATION = 'other';

export const PersonSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('person'),
  aadObjectId: z.string(),
  mri: z.string().optional(),
  name: z.string().optional(),
  tenantId: z.string().optional(),
  serviceUrl: z.string().optional(),
  organizationId: z.string().optional(),
  organizationOther: z.string().optional(),
  jobRole: z.enum(JOB_ROLES).optional(),
  roles: z.array(z.enum(APP_ROLES)),
  locale: z.string().optional(),
  // The language the person chose (`språk svenska` / `language english`); wins over the Teams locale.
  language: z.enum(['sv', 'en']).optional(),
  // Set when Teams answered 403/404 (blocked or removed the bot); cleared when they write again.
  unreachable: z.boolean().optional(),
  remindersOff: z.boolean().optional(),
  optOutActivities: z.array(z.string()).optional(),
  // teams and networks: a known e-mail (lower case), and the person this one was merged into
  // (someone typed by e-mail who later turned out to be a Teams user).
  email: z.string().max(320).optional(),
  mergedInto: z.string().optional(),
  // What Teams says about a Teams user (TeamsInfo.getMember), lower case, and when it was asked;
  // attendance reports are matched by these (src/features/staff-teams/people.ts learnIdentity).
  upn: z.string().max(320).optional(),
  identityAt: z.string().optional(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export function hasProfile(p: Person | null): boolean {
  return !!p && !!p.jobRole && !!p.organizationId && (p.organizationId !== OTHER_ORGANIZATION || !!p.organizationOther);
}

export const ProfileInputSchema = z
  .object({
    organizationId: z.string('err_unknownOrganization').trim().min(1, 'err_unknownOrganization').max(64, 'err_unknownOrganization'),
    organizationOther: z.string('err_invalidInput').trim().max(200, 'err_tooLong').default(''),
    jobRole: z.enum(JOB_ROLES, 'err_choice'),
  })
  .refine((p) => p.organizationId !== OTHER_ORGANIZATION || p.organizationOther.length > 0, {
    message: 'err_unknownOrganization',
    path: ['organizationOther'],
  });
