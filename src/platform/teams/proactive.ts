import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Config } from '../../config';

/** The one door for messages the bot starts itself: to a stored conversation, or a new 1:1 chat. */
export class Proactive {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly config: Config,
  ) {}

  private get appId(): string {
    return this.config.MicrosoftAppId ?? '';
  }

  async continue(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, logic);
  }

  /** Creates (or reopens) the 1:1 chat with a user the bot can see; returns its reference through logic. */
  async createPersonal(input: { serviceUrl: string; tenantId?: string; userMri: string }, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.adapter.createConversationAsync(
      this.appId,
      'msteams',
      input.serviceUrl,
      'https://api.botframework.com',
      {
        isGroup: false,
        bot: { id: this.appId || 'traffpunkt', name: 'Träffpunkt' },
        members: [{ id: input.userMri, name: '' }],
        ...(input.tenantId ? { tenantId: input.tenantId, channelData: { tenant: { id: input.tenantId } } } : {}),
      } as Parameters<CloudAdapter['createConversationAsync']>[4],
      logic,
    );
  }
}
