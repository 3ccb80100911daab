/** Google Drive API v3 at the HTTP level: googleapis.com, Google's JSON error envelope. */
import type { OAuthConnectorConfig } from '../../model.ts';
import type { ProviderProfile } from '../connector-kit/provider-profile.ts';

/** Google's API host; Drive lives under /drive/v3 and uploads under /upload/drive/v3. */
export const GOOGLE_APIS = 'https://www.googleapis.com';

/** The profile of Google Drive (config.baseUrl overrides the host, for tests). */
export function googleDriveProfile(config: OAuthConnectorConfig): ProviderProfile {
  return {
    displayName: 'Google Drive',
    baseUrl: () => config.baseUrl ?? GOOGLE_APIS,
    describeError(_status, body) {
      // Documented format: {"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}.
      if (typeof body !== 'object' || body === null) return undefined;
      const error = (body as { error?: unknown }).error;
      if (typeof error !== 'object' || error === null) return typeof error === 'string' ? error : undefined;
      const { message, errors } = error as { message?: unknown; errors?: unknown };
      if (typeof message !== 'string') return undefined;
      const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
      const reason = typeof first === 'object' && first !== null ? (first as { reason?: unknown }).reason : undefined;
      return typeof reason === 'string' ? `${message} (${reason})` : message;
    },
  };
}
