import type { Logger } from 'pino';
import type { ConversationRepository } from '../teams/conversations';
import { userRefId } from '../teams/conversations';
import type { Person } from '../../kernel/people';
import type { ConnectorClient, OutgoingActivity, SendOutcome } from './connector';
import type { JobDelivery } from './dispatcher';
import type { Job } from './jobs';

/** Where a recipient can be reached when no chat with them is stored yet, and marking who cannot. */
export interface RecipientDirectory {
  person(aadObjectId: string): Promise<{ doc: Person } | null>;
  updatePerson(aadObjectId: string, change: (p: Person) => Person): Promise<unknown>;
}

/** Sends a job's message to the recipient's 1:1 chat, creating the chat from their Teams id if needed. */
export class ConnectorDelivery implements JobDelivery {
  constructor(
    private readonly client: ConnectorClient,
    private readonly conversations: ConversationRepository,
    private readonly directory: RecipientDirectory,
    private readonly botId: string,
    private readonly log: Logger,
  ) {}

  async send(job: Job, activity: OutgoingActivity): Promise<SendOutcome> {
    const ref = await this.conversations.get(userRefId(job.toUserId));
    const conversationId = ref?.conversation?.id;
    if (ref?.serviceUrl && conversationId) return this.client.sendToConversation(ref.serviceUrl, conversationId, activity);

    const person = await this.directory.person(job.toUserId);
    if (!person?.doc.mri || !person.doc.serviceUrl) return { kind: 'blocked', status: 404 };
    const created = await this.client.createPersonalConversation({
      serviceUrl: person.doc.serviceUrl,
      userMri: person.doc.mri,
      botId: this.botId,
      ...(person.doc.tenantId ? { tenantId: person.doc.tenantId } : {}),
    });
    if (created.kind !== 'ok' || !created.id) return created.kind === 'ok' ? { kind: 'retry', status: 0 } : created;
    await this.conversations.save(userRefId(job.toUserId), 'user', {
      channelId: 'msteams',
      serviceUrl: person.doc.serviceUrl,
      conversation: { id: created.id, isGroup: false, conversationType: 'personal', name: '', ...(person.doc.tenantId ? { tenantId: person.doc.tenantId } : {}) },
      user: { id: person.doc.mri, name: '' },
    });
    this.log.info({ userRef: userRefId(job.toUserId) }, 'created 1:1 chat for a proactive message');
    return this.client.sendToConversation(person.doc.serviceUrl, created.id, activity);
  }

  async unreachable(job: Job): Promise<void> {
    await this.directory.updatePerson(job.toUserId, (p) => ({ ...p, unreachable: true }));
  }
}
