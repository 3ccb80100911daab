/** A unified line diff for dry runs (config files are small; the common head and tail are cut first). */

export interface DiffOptions {
  fromLabel: string;
  toLabel: string;
  /** Lines of context around each change. */
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/** `diff -u` style text, or '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  if (before === after) return '';
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail += 1;
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...middle(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ];
  return `--- ${options.fromLabel}\n+++ ${options.toLabel}\n${hunks(ops, options.context ?? 3).join('')}`;
}

/** Longest-common-subsequence diff of the differing middle part. */
function middle(a: string[], b: string[]): Op[] {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => Array.from({ length: b.length + 1 }, () => 0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions, as `diff -u` shows them.
      ops.push({ kind: '-', line: a[i]! });
      i += 1;
    } else {
      ops.push({ kind: '+', line: b[j]! });
      j += 1;
    }
  }
  return ops;
}

function hunks(ops: Op[], context: number): string[] {
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    const change = ops.findIndex((op, idx) => idx >= k && op.kind !== ' ');
    if (change === -1) break;
    const start = Math.max(k, change - context);
    let end = change;
    // Extend while the next change is within 2×context lines.
    for (let idx = change; idx < ops.length; idx += 1) {
      if (ops[idx]!.kind !== ' ') end = idx;
      else if (idx - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const slice = ops.slice(start, stop);
    const aStart = ops.slice(0, start).filter((o) => o.kind !== '+').length + 1;
    const bStart = ops.slice(0, start).filter((o) => o.kind !== '-').length + 1;
    const aLen = slice.filter((o) => o.kind !== '+').length;
    const bLen = slice.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@\n`, ...slice.map((o) => `${o.kind}${o.line}\n`));
    k = stop;
  }
  return out;
}
