import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { parseAll, readDoc, type Versioned } from '../../platform/cosmos/docs';
import { isConflict, isNotFound, isPreconditionFailed } from '../../platform/cosmos/errors';
import { AbsenceSchema, NetworkMemberSchema, NetworkSchema, type Absence, type Network, type NetworkMember } from './schemas';

export const networkPk = (networkId: string) => `network-${networkId}`;
const memberId = (networkId: string, userId: string) => `netmember-${networkId}-${userId}`;

/** Networks and their rosters: directory data, one partition per network. */
export class NetworkRepository {
  constructor(private readonly container: Container) {}

  async list(): Promise<Network[]> {
    const { resources } = await this.container.items.query("SELECT * FROM c WHERE c.type = 'network'").fetchAll();
    return parseAll(resources, NetworkSchema).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  async get(networkId: string): Promise<Versioned<Network> | null> {
    const id = networkPk(networkId);
    return readDoc(this.container, id, id, NetworkSchema);
  }

  async create(network: Network): Promise<void> {
    await this.container.items.create(network);
  }

  async update(networkId: string, change: (n: Network) => Network): Promise<Network | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.get(networkId);
      if (!current) return null;
      const next = NetworkSchema.parse(change(current.doc));
      try {
        await this.container.item(next.id, next.pk).replace(next, { accessCondition: { type: 'IfMatch', condition: current.etag } });
        return next;
      } catch (err) {
        if (!isPreconditionFailed(err)) throw err;
      }
    }
    throw new Error('network update kept conflicting');
  }

  /** The roster; a single-partition query. */
  async members(networkId: string): Promise<NetworkMember[]> {
    const { resources } = await this.container.items
      .query({ query: "SELECT * FROM c WHERE c.pk = @pk AND c.type = 'networkMember'", parameters: [{ name: '@pk', value: networkPk(networkId) }] })
      .fetchAll();
    return parseAll(resources, NetworkMemberSchema);
  }

  async member(networkId: string, userId: string): Promise<NetworkMember | null> {
    try {
      const { resource } = await this.container.item(memberId(networkId, userId), networkPk(networkId)).read<Unparsed>();
      const p = NetworkMemberSchema.safeParse(resource);
      return p.success ? p.data : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  /** Adds someone to the roster, or updates what is given (organisation, role); returns whether they were new. */
  async putMember(input: Omit<NetworkMember, 'id' | 'pk' | 'type' | 'addedAt' | 'updatedAt' | 'remindersOff'> & { now: Date }): Promise<boolean> {
    const { now, ...fields } = input;
    const existing = await this.member(input.networkId, input.userId);
    const unchanged = (k: 'organizationId' | 'jobRole') => fields[k] === undefined || fields[k] === existing?.[k];
    if (existing && unchanged('organizationId') && unchanged('jobRole')) return false;
    const at = now.toISOString();
    const next: NetworkMember = NetworkMemberSchema.parse({
      ...existing,
      ...fields,
      id: memberId(input.networkId, input.userId),
      pk: networkPk(input.networkId),
      type: 'networkMember',
      organizationId: fields.organizationId ?? existing?.organizationId,
      jobRole: fields.jobRole ?? existing?.jobRole,
      source: existing?.source ?? fields.source,
      addedBy: existing?.addedBy ?? fields.addedBy,
      addedAt: existing?.addedAt ?? at,
      updatedAt: at,
    });
    await this.container.items.upsert(next);
    return !existing;
  }

  async setRemindersOff(networkId: string, userId: string, off: boolean, now: Date): Promise<boolean> {
    const existing = await this.member(networkId, userId);
    if (!existing) return false;
    await this.container.items.upsert({ ...existing, remindersOff: off, updatedAt: now.toISOString() });
    return true;
  }

  async removeMember(networkId: string, userId: string): Promise<boolean> {
    try {
      await this.container.item(memberId(networkId, userId), networkPk(networkId)).delete();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Rosters anywhere this person is on. */
  async membershipsOf(userId: string): Promise<NetworkMember[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.type = 'networkMember' AND c.userId = @u", parameters: [{ name: '@u', value: userId }] }).fetchAll();
    return parseAll(resources, NetworkMemberSchema);
  }
}

/** "I cannot come" answers of roster members, in the activity's partition. */
export class AbsenceRepository {
  constructor(private readonly container: Container) {}

  async record(input: { activityId: string; userId: string; sessionId: string; now: Date }): Promise<void> {
    const doc: Absence = {
      id: `absence-${input.sessionId || 'all'}-${input.userId}`,
      activityId: input.activityId,
      type: 'absence',
      userId: input.userId,
      sessionId: input.sessionId,
      at: input.now.toISOString(),
    };
    try {
      await this.container.items.create(doc);
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }

  async ofActivity(activityId: string): Promise<Absence[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'absence'", parameters: [{ name: '@a', value: activityId }] }).fetchAll();
    return parseAll(resources, AbsenceSchema);
  }

  /** Whether this person said they cannot come to this session (or to any). */
  async isAbsent(activityId: string, sessionId: string, userId: string): Promise<boolean> {
    for (const scope of [sessionId, 'all']) {
      try {
        const { resource } = await this.container.item(`absence-${scope}-${userId}`, activityId).read<Unparsed>();
        if (resource) return true;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return false;
  }
}
