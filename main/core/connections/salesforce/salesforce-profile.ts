/** Salesforce REST at the HTTP level: instance URL from the token response, error arrays. */
import type { OAuthConnectorConfig } from '../../model.ts';
import type { ProviderProfile } from '../connector-kit/provider-profile.ts';
import { ToolFailure } from '../connector-kit/tool-failure.ts';
import type { TokenSource } from '../oauth/token-source.ts';

/** The REST API version every path uses. */
export const SALESFORCE_API_VERSION = 'v62.0';
/** `/services/data/vXX.X`. */
export const DATA_PATH = `/services/data/${SALESFORCE_API_VERSION}`;

/** The profile of one Salesforce org: config.baseUrl if set, else the token response's `instance_url`. */
export function salesforceProfile(config: OAuthConnectorConfig, tokens: TokenSource): ProviderProfile {
  return {
    displayName: 'Salesforce',
    baseUrl() {
      const url = config.baseUrl ?? tokens.extra('instance_url');
      if (url === undefined) {
        throw new ToolFailure(`Salesforce did not name an instance URL for connection "${config.id}"; reconnect it in Hallpass`);
      }
      return url;
    },
    describeError(_status, body) {
      // Documented format: [{ "message": "...", "errorCode": "...", "fields": [...] }].
      if (Array.isArray(body)) {
        const parts = body.map(describeOne).filter((part) => part !== undefined);
        return parts.length > 0 ? parts.join('; ') : undefined;
      }
      return describeOne(body);
    },
  };
}

function describeOne(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, errorCode, fields, error: code, error_description: description } = error as Record<string, unknown>;
  if (typeof message === 'string') {
    const on = Array.isArray(fields) && fields.length > 0 ? ` [fields: ${fields.join(', ')}]` : '';
    return typeof errorCode === 'string' ? `${errorCode}: ${message}${on}` : `${message}${on}`;
  }
  if (typeof description === 'string') return typeof code === 'string' ? `${code}: ${description}` : description;
  return undefined;
}
