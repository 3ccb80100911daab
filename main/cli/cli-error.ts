/** Failures the CLI reports as one line on stderr, with an exit status. */

/** Exit status of a usage mistake (unknown command or flag, missing argument). */
export const USAGE_EXIT = 2;

/** A failure with a message fit to show as-is: `hallpass: <message>`. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A usage mistake, with a hint where to read more. */
export function usageError(message: string, helpPath: string): CliError {
  const where = helpPath ? `hallpass ${helpPath} --help` : 'hallpass --help';
  return new CliError(`${message} (see \`${where}\`)`, USAGE_EXIT);
}

/** One line for stderr from anything thrown; the stack only when HALLPASS_DEBUG=1. */
export function describeFailure(error: unknown, debug: boolean): { line: string; exitCode: number } {
  const exitCode = error instanceof CliError ? error.exitCode : 1;
  const raw = error instanceof Error ? error.message : String(error);
  // One line: collapse whatever multi-line message a library produced.
  const line = `hallpass: ${raw.replace(/\s*\n\s*/g, ' ').trim() || 'failed'}`;
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return { line: line + stack, exitCode };
}
