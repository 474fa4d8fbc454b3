// The impact chart as a Mermaid `gantt` block, so the Markdown draft shows it where Markdown is
// read (GitHub renders it). Deterministic like the rest of the draft: no clock, so an impact still
// going on is drawn up to the latest time the record knows.
import type { PostmortemRecord } from './record.ts';

const iso = (d: Date) => d.toISOString().slice(0, 19);
// Mermaid reads `:` as the start of a task's data and `#`/`;` as comments or separators.
const label = (text: string) => text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();

export function impactGantt(record: PostmortemRecord): string | null {
  if (!record.impact.length) return null;
  const windows = [...record.impact].sort(
    (a, b) =>
      a.service.localeCompare(b.service) ||
      a.environment.localeCompare(b.environment) ||
      a.startedAt.getTime() - b.startedAt.getTime(),
  );
  const known = [
    ...windows.flatMap((w) => [w.startedAt, ...(w.endedAt ? [w.endedAt] : [])]),
    ...record.milestones.map((m) => m.occurredAt),
  ];
  const latest = new Date(Math.max(...known.map((d) => d.getTime())));
  const lines = [
    '```mermaid',
    'gantt',
    '  title Impact (UTC)',
    '  dateFormat YYYY-MM-DDTHH:mm:ss',
    '  axisFormat %H:%M',
  ];
  let lane = '';
  for (const w of windows) {
    const name = label(`${w.service} · ${w.environment}`);
    if (name !== lane) lines.push(`  section ${name}`);
    lane = name;
    const end = w.endedAt ?? latest;
    lines.push(
      `  ${w.degraded ? 'degraded' : 'down'}${w.endedAt ? '' : ' (ongoing)'} :${w.degraded ? 'active' : 'crit'}, ${iso(w.startedAt)}, ${iso(end)}`,
    );
  }
  const milestones = [...record.milestones].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.kind.localeCompare(b.kind),
  );
  if (milestones.length) {
    lines.push('  section milestones');
    for (const m of milestones) lines.push(`  ${label(m.kind)} :milestone, ${iso(m.occurredAt)}, 0m`);
  }
  lines.push('```');
  return lines.join('\n');
}
