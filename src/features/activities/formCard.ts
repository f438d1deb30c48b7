import type { Card } from '../../platform/cards/render';
import type { Lang } from '../i18n';
import { buildFormView, type FieldErrors, type RawForm } from './formView';
import { activityFormCard } from './views';

/** The activity form, new or being edited, with the errors of a refused save. */
export function formCard(input: { lang: Lang; raw: RawForm; sessionCount: number; activityId?: string; errors?: FieldErrors }): Card {
  return activityFormCard(
    buildFormView({
      lang: input.lang,
      raw: input.raw,
      sessionCount: input.sessionCount,
      activityId: input.activityId ?? '',
      editing: !!input.activityId,
      ...(input.errors ? { errors: input.errors } : {}),
    }),
  );
}
