import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { OrganizationSchema, PersonSchema, type AppRole, type Organization, type Person } from '../../kernel/people';
import { readDoc } from '../../platform/cosmos/docs';
import { pointOp } from '../../platform/cosmos/batch';
import { isConflict, isPreconditionFailed } from '../../platform/cosmos/errors';

const ORG_PK = 'organizations';
const personId = (aadObjectId: string) => `person-${aadObjectId}`;

/** Organisations and people (profile and app roles), read by id. */
export class DirectoryRepository {
  private orgCache: { at: number; orgs: Organization[] } | undefined;

  constructor(private readonly container: Container) {}

  async organizations(): Promise<Organization[]> {
    if (this.orgCache && Date.now() - this.orgCache.at < 60_000) return this.orgCache.orgs;
    const { resources } = await this.container.items
      .query<Unparsed>({ query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'organization'", parameters: [{ name: '@pk', value: ORG_PK }] })
      .fetchAll();
    const orgs = resources
      .flatMap((r) => {
        const p = OrganizationSchema.safeParse({ ...r, id: String(r.id).replace(/^org-/, '') });
        return p.success ? [p.data] : [];
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    this.orgCache = { at: Date.now(), orgs };
    return orgs;
  }

  /** Loads the default list once: organisations already present (perhaps edited) are left alone. */
  async seedOrganizations(orgs: readonly Organization[]): Promise<number> {
    let created = 0;
    for (const o of orgs) {
      try {
        await this.container.items.create({ ...o, id: `org-${o.id}`, pk: ORG_PK, type: 'organization' });
        created++;
      } catch (err) {
        if (!isConflict(err)) throw err;
        if (o.domains) await this.addDomains(o.id, o.domains);
      }
    }
    this.orgCache = undefined;
    return created;
  }

  /** Organisations stored before they had e-mail domains get the default ones; domains set since are left alone. */
  private async addDomains(id: string, domains: readonly string[]): Promise<void> {
    const docId = `org-${id}`;
    const { resource, etag } = await this.container.item(docId, ORG_PK).read<Record<string, unknown>>();
    if (!resource || !etag || 'domains' in resource) return;
    try {
      await this.container.item(docId, ORG_PK).replace({ ...resource, domains: [...domains] }, { accessCondition: { type: 'IfMatch', condition: etag } });
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }

  async person(aadObjectId: string): Promise<{ doc: Person; etag: string } | null> {
    const id = personId(aadObjectId);
    return readDoc(this.container, id, id, PersonSchema);
  }

  /**
   * Read-modify-write of one person under If-Match, retried on a lost race, so a profile
   * save and a role grant at the same moment both survive.
   */
  async updatePerson(
    aadObjectId: string,
    change: (p: Person) => Person,
    /** What the caller just read (saves a read); null means "known not to exist". */
    known?: { doc: Person; etag: string } | null,
  ): Promise<Person> {
    const id = personId(aadObjectId);
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = attempt === 0 && known !== undefined ? known : await this.person(aadObjectId);
      const base: Person = current?.doc ?? { id, pk: id, type: 'person', aadObjectId, roles: [], updatedAt: new Date(0).toISOString() };
      const next = PersonSchema.parse({ ...change(base), id, pk: id, type: 'person', aadObjectId, updatedAt: new Date().toISOString() });
      try {
        // Batched with the other people written at the same moment (a burst of first clicks).
        if (current) await pointOp(this.container, { kind: 'replace', id, pk: id, body: next, ifMatch: current.etag });
        else await pointOp(this.container, { kind: 'create', pk: id, body: next });
        return next;
      } catch (err) {
        if (!isPreconditionFailed(err) && !isConflict(err)) throw err;
      }
    }
    throw new Error('person update kept conflicting');
  }

  async grantRole(aadObjectId: string, role: AppRole): Promise<void> {
    await this.updatePerson(aadObjectId, (p) => (p.roles.includes(role) ? p : { ...p, roles: [...p.roles, role] }));
  }

  async hasRole(aadObjectId: string, role: AppRole): Promise<boolean> {
    const p = await this.person(aadObjectId);
    return !!p && p.doc.roles.includes(role);
  }

  async withRole(role: AppRole): Promise<Person[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.type = 'person' AND ARRAY_CONTAINS(c.roles, @r)", parameters: [{ name: '@r', value: role }] }).fetchAll();
    return resources.flatMap((r) => {
      const p = PersonSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }

  /** Teams users whose e-mail or UPN (as Teams told us, lower case) is one of these; one query. */
  async peopleByAddress(addresses: readonly string[]): Promise<Person[]> {
    const list = [...new Set(addresses.map((a) => a.toLowerCase()))].slice(0, 1000);
    if (list.length === 0) return [];
    const { resources } = await this.container.items
      .query({
        query: "SELECT * FROM c WHERE c.type = 'person' AND (ARRAY_CONTAINS(@a, c.email) OR ARRAY_CONTAINS(@a, c.upn))",
        parameters: [{ name: '@a', value: list }],
      })
      .fetchAll();
    return resources.flatMap((r) => {
      const p = PersonSchema.safeParse(r);
      // People typed by e-mail (and links to whom they became) are not Teams users.
      return p.success && !p.data.mergedInto && p.data.mri ? [p.data] : [];
    });
  }

  async people(aadObjectIds: readonly string[]): Promise<Map<string, Person>> {
    const out = new Map<string, Person>();
    // Point reads: cheap, and exact on both Azure and the embedded server.
    await Promise.all(
      aadObjectIds.map(async (id) => {
        const p = await this.person(id);
        if (p) out.set(id, p.doc);
      }),
    );
    return out;
  }
}
