import { html } from 'hono/html';
import { deployLabel } from '../../domain/changes.ts';

// A time shown in UTC, with the reader's own zone (from their Slack profile) on hover.
export function timeCell(at: Date, zone: string | null) {
  const utc = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const local = zone
    ? `${at.toLocaleString('en-GB', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' })} (${zone})`
    : utc;
  return html`<time datetime="${at.toISOString()}" title="${local}">${utc}</time>`;
}

export function duration(from: Date, to: Date | null, now: Date): string {
  const minutes = Math.max(0, Math.round(((to ?? now).getTime() - from.getTime()) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const text = [d ? `${d}d` : '', h ? `${h}h` : '', `${m}m`].filter(Boolean).join(' ');
  return to ? text : `${text} so far`;
}

// A deploy's name as a table shows it: a commit SHA by its first 7 characters, whole on hover.
export function deployName(c: { service: string; version: string }) {
  return html`<span title="${c.service}@${c.version}">${deployLabel(c)}</span>`;
}
