// Markdown as the postmortem and the timeline API write it: UTC to the second, pipe tables.
export const utcTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

// Table cells hold neither pipes nor line breaks.
export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}
