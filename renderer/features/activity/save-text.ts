/** Hands a text to the browser as a file download (no server round trip, no navigation). */

/** Saves `text` as `filename`. */
export function saveText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `hallpass-audit-20250131-142501.jsonl` for a time and format. */
export function exportName(at: number, format: 'jsonl' | 'csv'): string {
  const iso = new Date(at).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `hallpass-audit-${iso}.${format}`;
}
