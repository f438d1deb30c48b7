/** The languages the bot writes in: Swedish first, English second. */
export type Lang = 'sv' | 'en';

/**
 * The person behind a turn, from what Teams sent (`from.aadObjectId`) or from the tab's Entra
 * token, never from card data.
 */
export interface Actor {
  aadObjectId: string;
  mri: string;
  name: string;
  tenantId?: string;
  serviceUrl: string;
  lang: Lang;
}
