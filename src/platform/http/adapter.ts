import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from './auth/requestAuthenticator';

/**
 * CloudAdapter, plus a way to run a turn for a request the HTTP layer has already
 * authenticated (src/platform/http/auth/requestAuthenticator.ts), so that layer decides the status codes
 * and bodies of failed authentication instead of CloudAdapter.process.
 */
export class BotHttpAdapter extends CloudAdapter {
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
