/** Errors a connector turns into `isError` tool results (never into rejections). */

/** A failure whose message is written for the agent: clear, actionable, never carrying secrets. */
export class ToolFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolFailure';
  }
}

/** The provider answered with a non-success status; `message` already holds the provider's own words. */
export class ProviderError extends ToolFailure {
  readonly status: number;
  constructor(provider: string, status: number, detail: string) {
    super(`${provider} error (HTTP ${status}): ${detail}`);
    this.name = 'ProviderError';
    this.status = status;
  }
}

/** The provider asked us to slow down for longer (or more often) than a call may wait. */
export class RateLimitedError extends ToolFailure {
  constructor(provider: string, status: number, waitMs: number | undefined, detail: string) {
    const when = waitMs === undefined ? 'later' : `in about ${Math.ceil(waitMs / 1000)} s`;
    super(`${provider} is rate limiting requests (HTTP ${status}); try again ${when}. ${detail}`.trim());
    this.name = 'RateLimitedError';
  }
}
