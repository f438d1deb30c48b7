import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../../../config';

/**
 * botbuilder's authentication for the configured app type:
 * - no MicrosoftAppId: local anonymous mode (no tokens either way);
 * - SingleTenant: Entra app id + client secret in the bot's tenant;
 * - UserAssignedMSI: the user-assigned managed identity's client id, no password;
 * - MultiTenant: app id + secret (existing bots only; Azure no longer creates them).
 */
export function botAuthentication(config: Config): ConfigurationBotFrameworkAuthentication {
  if (!config.MicrosoftAppId) return new LazyTokenClientAuthentication({});
  return new LazyTokenClientAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    // botbuilder refuses a password for MSI, and needs one for SingleTenant (config.ts checks both).
    ...(config.MicrosoftAppType === 'UserAssignedMSI' ? {} : { MicrosoftAppPassword: config.MicrosoftAppPassword ?? '' }),
    ...(config.BotOpenIdMetadata ? publicCloudWithMetadata(config.BotOpenIdMetadata) : {}),
  });
}

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * CloudAdapter asks for a user-token client (an HTTP pipeline and credentials) on every turn,
 * though only a sign-in flow uses one, and Träffpunkt has none: the client is made when first
 * used. A tenth of a millisecond per click in the burst profile.
 */
class LazyTokenClientAuthentication extends ConfigurationBotFrameworkAuthentication {
  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    let made: Promise<UserTokenClient> | undefined;
    const real = () => (made ??= super.createUserTokenClient(claimsIdentity));
    const client: UserTokenClient = {
      getUserToken: async (...a) => (await real()).getUserToken(...a),
      getSignInResource: async (...a) => (await real()).getSignInResource(...a),
      signOutUser: async (...a) => (await real()).signOutUser(...a),
      getTokenStatus: async (...a) => (await real()).getTokenStatus(...a),
      getAadTokens: async (...a) => (await real()).getAadTokens(...a),
      exchangeToken: async (...a) => (await real()).exchangeToken(...a),
    };
    return Promise.resolve(client);
  }
}

/**
 * Setting any one endpoint makes botbuilder expect all of them (it then skips its built-in
 * public-cloud defaults), so this repeats those defaults and replaces only the metadata URL.
 * Values: botframework-connector's AuthenticationConstants and CallerIdConstants.PublicAzureChannel.
 */
function publicCloudWithMetadata(metadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}
