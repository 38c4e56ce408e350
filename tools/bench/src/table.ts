// Plain-text tables for the terminal.

export interface Column<R> {
  header: string;
  value: (row: R) => string | number | null | undefined;
  /** Numbers align right by default, text left. */
  align?: 'left' | 'right';
}

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
  return value;
}

export function formatTable<R>(title: string, columns: Column<R>[], rows: R[]): string {
  const cells = rows.map((row) => columns.map((c) => cell(c.value(row))));
  const right = columns.map((c, i) => c.align === 'right' || (c.align !== 'left' && cells.length > 0 && cells.every((r) => /^[-–\d.,×*]+$/.test(r[i]!))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) => values.map((v, i) => (right[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [title, line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
