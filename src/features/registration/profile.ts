import { refused } from '../refusal';
import { OTHER_ORGANIZATION, ProfileInputSchema, type Person } from '../../kernel/people';
import type { Actor } from '../../kernel/actor';
import type { RegistrationPorts } from './ports';

export type ProfileResult = { ok: true; person: Person } | { ok: false; errorKey: string };

/** Saves which organisation and role someone comes from; asked once, at the first registration. */
export async function saveProfile(ports: RegistrationPorts, actor: Actor, raw: unknown): Promise<ProfileResult> {
  const parsed = ProfileInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errorKey: parsed.error.issues[0]?.message ?? 'err_invalidInput' };
  const input = parsed.data;
  if (input.organizationId !== OTHER_ORGANIZATION) {
    const orgs = await ports.directory.organizations();
    if (!orgs.some((o) => o.id === input.organizationId)) return { ok: false, errorKey: 'err_unknownOrganization' };
  }
  const person = await ports.directory.updatePerson(actor.aadObjectId, (p) => ({
    ...p,
    organizationId: input.organizationId,
    ...(input.organizationId === OTHER_ORGANIZATION ? { organizationOther: input.organizationOther } : { organizationOther: undefined }),
    jobRole: input.jobRole,
  }));
  if (!person.jobRole) throw refused('invalidInput');
  return { ok: true, person };
}
