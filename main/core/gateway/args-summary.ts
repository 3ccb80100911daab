/** A short, readable summary of tool arguments for the approval prompt. */

const MAX = 300;

/** Compact JSON of the arguments, long strings shortened, whole text capped. */
export function summarizeArgs(args: Record<string, unknown>): string {
  let text: string;
  try {
    text = JSON.stringify(args, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 77)}…` : v));
  } catch {
    text = '(arguments could not be shown)';
  }
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}
