import { MessageFactory, TurnContext } from 'botbuilder';
import { isMessageKey, translator } from '../i18n';
import type { Job, JobSender } from '../scheduler/outbox';
import type { ConversationRepository } from '../store/conversations';
import { userRefId } from '../store/conversations';
import type { DirectoryRepository } from '../store/directory';
import type { Proactive } from './proactive';

class Unreachable extends Error {
  readonly statusCode = 404;
}

/** Delivers outbox notices 1:1: through the stored personal chat, or a new one created in the user's tenant. */
export class NoticeSender implements JobSender {
  constructor(
    private readonly proactive: Proactive,
    private readonly conversations: ConversationRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  async send(job: Job): Promise<void> {
    const key = job.text.key;
    if (!isMessageKey(key)) throw new Unreachable('unknown message');
    const text = translator(job.lang)(key, job.text.params);
    const ref = await this.conversations.get(userRefId(job.toUserId));
    if (ref) {
      await this.proactive.continue(ref, async (ctx) => {
        await ctx.sendActivity(MessageFactory.text(text));
      });
      return;
    }
    const person = await this.directory.person(job.toUserId);
    if (!person?.doc.mri || !person.doc.serviceUrl) throw new Unreachable('no way to reach user');
    await this.proactive.createPersonal(
      { serviceUrl: person.doc.serviceUrl, userMri: person.doc.mri, ...(person.doc.tenantId ? { tenantId: person.doc.tenantId } : {}) },
      async (ctx) => {
        await this.conversations.save(userRefId(job.toUserId), 'user', TurnContext.getConversationReference(ctx.activity));
        await ctx.sendActivity(MessageFactory.text(text));
      },
    );
  }
}
