import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential, type TokenCredentialOptions } from '@azure/identity';
import type { Config } from '../../../config';

const DEFAULT_GRAPH_AUTHORITY = 'https://login.microsoftonline.com';

/**
 * The app-only credential for Microsoft Graph, or null when Graph is not configured:
 * - GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET: the app registration's client secret;
 * - GRAPH_TENANT_ID without a secret, and AZURE_CLIENT_ID: the user-assigned managed identity.
 * One instance per process: @azure/identity caches its tokens and refreshes them before they expire.
 * `options` reach the token requests' HTTP pipeline (tests trust their fake's certificate with it).
 */
export function graphCredential(config: Config, options: TokenCredentialOptions = {}): TokenCredential | null {
  if (!config.GRAPH_TENANT_ID) return null;
  if (config.GRAPH_CLIENT_SECRET) {
    if (!config.GRAPH_CLIENT_ID) return null;
    return new ClientSecretCredential(config.GRAPH_TENANT_ID, config.GRAPH_CLIENT_ID, config.GRAPH_CLIENT_SECRET, {
      ...options,
      authorityHost: config.GRAPH_AUTHORITY ?? DEFAULT_GRAPH_AUTHORITY,
      // Another authority (a sovereign cloud, a test's fake) is used as given, without asking
      // the public cloud's instance discovery about it.
      disableInstanceDiscovery: config.GRAPH_AUTHORITY !== undefined,
    });
  }
  if (config.AZURE_CLIENT_ID) return new ManagedIdentityCredential({ ...options, clientId: config.AZURE_CLIENT_ID });
  return null;
}
