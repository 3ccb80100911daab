/** Hides env values and header values of every server entry before a config is shown (dry-run diffs). */
import { applyEdits, parseTree, type Edit, type Node } from 'jsonc-parser';

const HIDDEN = '***';

/** The text with each string under an `env` or `headers` object replaced by `***` (`Bearer ***` for bearer headers). */
export function redactSecrets(text: string): string {
  // SECURITY: dry runs print diffs of files holding API keys and tokens; only names are ever shown.
  const root = parseTree(text.replace(/^\uFEFF/, ' '), [], { allowTrailingComma: true });
  if (!root) return text;
  const edits: Edit[] = [];
  visit(root, edits);
  return applyEdits(text, edits);
}

function visit(node: Node, edits: Edit[]): void {
  if (node.type === 'property') {
    const [key, value] = node.children ?? [];
    if (value?.type === 'object' && (key?.value === 'env' || key?.value === 'headers')) {
      for (const prop of value.children ?? []) {
        const v = prop.children?.[1];
        if (v?.type === 'string') {
          const shown = typeof v.value === 'string' && /^Bearer\s/i.test(v.value) ? `Bearer ${HIDDEN}` : HIDDEN;
          edits.push({ offset: v.offset, length: v.length, content: JSON.stringify(shown) });
        }
      }
      return;
    }
  }
  for (const child of node.children ?? []) visit(child, edits);
}
