/** Snowflake SQL API v2 at the HTTP level: account URL, OAuth token-type header, error format. */
import type { OAuthConnectorConfig } from '../../model.ts';
import type { ProviderProfile } from '../connector-kit/provider-profile.ts';
import { ToolFailure } from '../connector-kit/tool-failure.ts';

/** The profile of one Snowflake account. */
export function snowflakeProfile(config: OAuthConnectorConfig): ProviderProfile {
  return {
    displayName: 'Snowflake',
    baseUrl() {
      if (config.baseUrl !== undefined) return config.baseUrl;
      // Snowflake's OAuth endpoints live on the account URL, so the issuer's origin is the account.
      if (config.issuer !== undefined && URL.canParse(config.issuer)) return new URL(config.issuer).origin;
      throw new ToolFailure(`connection "${config.id}" has no Snowflake account URL; set its baseUrl to https://<account>.snowflakecomputing.com`);
    },
    headers: { 'x-snowflake-authorization-token-type': 'OAUTH' },
    describeError(_status, body) {
      if (typeof body !== 'object' || body === null) return undefined;
      const { message, code, sqlState } = body as Record<string, unknown>;
      if (typeof message !== 'string') return undefined;
      const tags = [typeof code === 'string' ? `code ${code}` : '', typeof sqlState === 'string' ? `SQLSTATE ${sqlState}` : ''].filter(Boolean);
      return tags.length > 0 ? `${message} (${tags.join(', ')})` : message;
    },
  };
}
