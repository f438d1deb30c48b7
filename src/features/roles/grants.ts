import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { z } from 'zod';
import { PersonSchema, type Person } from '../../kernel/people';
import { isNotFound } from '../../platform/cosmos/errors';
import type { DirectoryRepository } from '../people';

// Role data: Person.roles (and Person.organizationId) in the directory, as the rest of the code
// reads them, plus one grant document per manager saying which organisation a coordinator
// linked them to. People edit their own profile organisation, so a manager's reach is taken
// from the grant, never from the profile.

const GrantSchema = z.object({
  id: z.string(),
  pk: z.string(),
  type: z.literal('managerGrant'),
  aadObjectId: z.string(),
  organizationId: z.string(),
  grantedBy: z.string(),
  at: z.iso.datetime(),
});
export type ManagerGrant = z.infer<typeof GrantSchema>;

const grantId = (aadObjectId: string) => `grant-manager-${aadObjectId}`;

export class RoleRepository {
  constructor(
    private readonly container: Container,
    private readonly directory: DirectoryRepository,
  ) {}

  async managerGrant(aadObjectId: string): Promise<ManagerGrant | null> {
    const id = grantId(aadObjectId);
    try {
      const { resource } = await this.container.item(id, id).read<Unparsed>();
      const p = GrantSchema.safeParse(resource);
      return p.success ? p.data : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** A person the bot has seen, by their Teams user id (what an @mention carries). */
  async personByMri(mri: string): Promise<Person | null> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.type = 'person' AND c.mri = @m", parameters: [{ name: '@m', value: mri }] }).fetchAll();
    for (const r of resources) {
      const p = PersonSchema.safeParse(r);
      if (p.success) return p.data;
    }
    return null;
  }

  async setCoordinator(aadObjectId: string, on: boolean): Promise<Person> {
    return this.directory.updatePerson(aadObjectId, (p) => ({
      ...p,
      roles: on ? [...new Set([...p.roles, 'coordinator' as const])] : p.roles.filter((r) => r !== 'coordinator'),
    }));
  }

  /** Grant first, role second: a grant without the role gives nothing, so a failure in between opens no access. */
  async setManager(aadObjectId: string, organizationId: string, grantedBy: string, now: Date): Promise<Person> {
    const id = grantId(aadObjectId);
    await this.container.items.upsert({ id, pk: id, type: 'managerGrant', aadObjectId, organizationId, grantedBy, at: now.toISOString() });
    return this.directory.updatePerson(aadObjectId, (p) => ({ ...p, roles: [...new Set([...p.roles, 'manager' as const])], organizationId }));
  }

  /** Role first, grant second, for the same reason. */
  async removeManager(aadObjectId: string): Promise<void> {
    await this.directory.updatePerson(aadObjectId, (p) => ({ ...p, roles: p.roles.filter((r) => r !== 'manager') }));
    const id = grantId(aadObjectId);
    try {
      await this.container.item(id, id).delete();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
