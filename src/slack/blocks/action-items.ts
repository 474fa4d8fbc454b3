import { incidentRef } from '../../domain/incident.ts';
import { fitItems } from '../../domain/text.ts';
import { ANSWER_MAX, escapeText } from './format.ts';

type ItemLine = {
  seq: number;
  text: string;
  ownerId: string | null;
  priority: string;
  dueDate: Date | null;
  theme: string | null;
  state: string;
  filing: string;
  filingError: string | null;
  linearKey: string | null;
  linearUrl: string | null;
  linearState: string | null;
};

function linear(item: ItemLine): string {
  if (item.filing === 'filed' && item.linearUrl)
    return `<${item.linearUrl}|${item.linearKey}>${item.linearState ? ` (${item.linearState})` : ''}`;
  if (item.filing === 'pending')
    return `:hourglass: filing${item.filingError ? `: ${escapeText(item.filingError)}` : ''}`;
  return 'not filed';
}

// `/incident actions`: every item with its owner, priority, due date and where it is in Linear.
export function actionItemsText(number: number, items: ItemLine[], webUrl: string): string {
  const shown = items.filter((i) => i.state !== 'removed').sort((a, b) => a.seq - b.seq);
  if (!shown.length)
    return `${incidentRef(number)} has no action items yet. \`/incident action <text> [@owner] [--priority high] [--due +7d]\` adds one.`;
  const lines = shown.map((i) => {
    const done = i.state === 'done' ? ':white_check_mark: ' : '';
    const owner = i.ownerId ? `<@${i.ownerId}>` : '_no owner_';
    const due = i.dueDate ? `, due ${i.dueDate.toISOString().slice(0, 10)}` : '';
    const theme = i.theme ? `, ${escapeText(i.theme)}` : '';
    return `${done}*#${i.seq}* ${escapeText(i.text)} · ${owner} · ${i.priority}${due}${theme} · ${linear(i)}`;
  });
  const title = `*Action items of ${incidentRef(number)}*`;
  const footer =
    '`/incident actions done|reopen|remove <n>`, `actions edit <n> …`, `/incident postmortem file` files them to Linear.';
  const more = (left: number) => `…and ${left} more: <${webUrl}#action-items|every action item on the web>`;
  const list = fitItems(lines, ANSWER_MAX - title.length - footer.length - 2, '\n', more);
  return [title, list, footer].join('\n');
}
