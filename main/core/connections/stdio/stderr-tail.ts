/** A bounded tail of a child's stderr, kept for status details and never logged. */

/** Keeps the last `limitChars` characters appended to it. */
export interface TailBuffer {
  append(text: string): void;
  /** The kept tail, with every secret value replaced by `[redacted]`. */
  read(): string;
}

/** Secret values shorter than this are not redacted: they would blank out ordinary words and digits. */
const MIN_REDACTED_LENGTH = 6;
const MARK = '[redacted]';

/** Creates a tail buffer; `secrets` are values (e.g. the configured env values) to redact. */
export function createTailBuffer(limitChars: number, secrets: readonly string[] = []): TailBuffer {
  const redactable = [...new Set(secrets.filter((s) => s.length >= MIN_REDACTED_LENGTH))].sort((a, b) => b.length - a.length);
  if (redactable.length === 0) {
    let tail = '';
    return { append: (text) => void (tail = (tail + text).slice(-limitChars)), read: () => tail };
  }
  const pattern = new RegExp(redactable.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const longest = redactable[0]?.length ?? 0;
  // SECURITY: redaction runs over the stream as it arrives, so matches align with the real text whatever the chunking;
  // only the last few raw characters (which may be the start of a secret) wait, and are masked if read early.
  let committed = '';
  let pending = '';
  return {
    append(text) {
      const raw = pending + text;
      // A match starting later could still grow into a longer secret, or lose to one starting earlier: wait for more text.
      const settled = raw.length - longest;
      let out = '';
      let cursor = 0;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(raw); match !== null && match.index <= settled; match = pattern.exec(raw)) {
        out += raw.slice(cursor, match.index) + MARK;
        cursor = match.index + match[0].length;
      }
      const hold = Math.max(cursor, settled + 1);
      committed = (committed + out + raw.slice(cursor, hold)).slice(-limitChars);
      pending = raw.slice(hold);
    },
    read() {
      return (committed + maskSecretStart(pending, redactable)).slice(-limitChars);
    },
  };
}

/** Masks the end of `text` when it is the beginning of a secret (a secret cut off mid-write). */
function maskSecretStart(text: string, secrets: readonly string[]): string {
  for (let start = 0; start < text.length; start++) {
    const rest = text.slice(start);
    if (secrets.some((s) => s.startsWith(rest))) return text.slice(0, start) + MARK;
  }
  return text;
}
