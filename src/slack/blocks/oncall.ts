import type { ServiceOnCall } from '../../domain/oncall.ts';
import { escapeText } from './format.ts';

export function onCallText(rows: ServiceOnCall[]): string {
  const lines = rows.map(({ service, oncalls }) => {
    const people = oncalls.map(
      (o) => `${escapeText(o.name)}${o.email ? ` (${escapeText(o.email)})` : ''} · level ${o.level}`,
    );
    return `*${escapeText(service)}*: ${people.length ? people.join('; ') : 'nobody on call'}`;
  });
  return ['*On call now*', ...lines].join('\n');
}
