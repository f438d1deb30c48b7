import type { Unparsed } from '../../platform/cosmos/docs';
import type { Container } from '@azure/cosmos';
import { AnswerDocSchema, answerId, type AnswerDoc, type SurveyKind } from '../../kernel/surveys';
import { isNotFound } from '../../platform/cosmos/errors';

/** Survey answers, in the activity's partition; one document per person and survey (answering again replaces it). */
export class SurveyRepository {
  constructor(private readonly container: Container) {}

  async save(doc: AnswerDoc): Promise<void> {
    await this.container.items.upsert(doc);
  }

  async answer(activityId: string, kind: SurveyKind, userId: string): Promise<AnswerDoc | null> {
    try {
      const { resource } = await this.container.item(answerId(kind, userId), activityId).read<Unparsed>();
      const p = AnswerDocSchema.safeParse(resource);
      return p.success ? p.data : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async answersOf(activityId: string): Promise<AnswerDoc[]> {
    const { resources } = await this.container.items.query({ query: "SELECT * FROM c WHERE c.activityId = @a AND c.type = 'answer'", parameters: [{ name: '@a', value: activityId }] }).fetchAll();
    return resources.flatMap((r) => {
      const p = AnswerDocSchema.safeParse(r);
      return p.success ? [p.data] : [];
    });
  }
}
