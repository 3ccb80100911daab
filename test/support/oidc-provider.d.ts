// The small part of oidc-provider (no bundled types) that the test authorization server uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcContext {
    oidc: { params?: Record<string, unknown>; client?: { clientId: string } };
  }
  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
    params: Record<string, unknown> & { client_id: string };
    session?: { accountId: string };
    grantId?: string;
  }
  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }
  export interface StoredToken {
    jti: string;
    clientId: string;
    accountId: string;
    scope?: string;
    aud?: string | string[];
    exp?: number;
    iat: number;
    isExpired: boolean;
    consumed?: unknown;
    save(): Promise<unknown>;
    destroy(): Promise<void>;
  }
  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (ctx: OidcContext, ...rest: unknown[]) => void): this;
    Grant: { new (init: { accountId: string; clientId: string }): GrantInstance; find(id: string): Promise<GrantInstance | undefined> };
    AccessToken: { find(value: string): Promise<StoredToken | undefined> };
    RefreshToken: { find(value: string, options?: { ignoreExpiration?: boolean }): Promise<StoredToken | undefined> };
  }
  export const errors: { InvalidTarget: new (description?: string) => Error };
  export default Provider;
}
