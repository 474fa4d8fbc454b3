import type { KnownBlock } from '@slack/types';
import type { MyFollowUps, MyItem, MyPostmortem } from '../../app/follow-ups.ts';
import { isSnoozed } from '../../domain/follow-ups.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapedWithin, fitItems } from '../../domain/text.ts';

// [Done] / [Snooze a week] on one item: `follow_up:done:<item id>` (unique within a message or view).
export const FOLLOW_UP_ACTION = 'follow_up:';
export const followUpActionId = (op: 'done' | 'snooze', itemId: string) => `${FOLLOW_UP_ACTION}${op}:${itemId}`;
export function parseFollowUpAction(actionId: string): { op: 'done' | 'snooze'; itemId: string } | null {
  const m = /^follow_up:(done|snooze):([0-9a-f-]{36})$/.exec(actionId);
  return m ? { op: m[1] as 'done' | 'snooze', itemId: m[2]! } : null;
}

const SECTION_MAX = 3_000;
// Within a message's 12,000 characters of block text with twenty items and the rest.
const ITEM_TEXT_MAX = 200;
const TITLE_MAX = 60;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function itemLine(item: MyItem, today: string): string {
  const due = item.due ? (item.overdue ? `:warning: overdue since ${item.due}` : `due ${item.due}`) : 'no due date';
  const snoozed = isSnoozed(item.snoozedUntil, today) ? ` · snoozed through ${item.snoozedUntil}` : '';
  const room = item.channelId ? ` · <#${item.channelId}>` : '';
  return `*${incidentRef(item.incidentNumber)} #${item.seq}* ${escapedWithin(item.text, ITEM_TEXT_MAX)}\n${item.priority} · ${due}${snoozed} · _${escapedWithin(item.incidentTitle, TITLE_MAX)}_${room}`;
}

// Each item with its buttons (two blocks an item); past `max` items, a line saying how many more.
export function itemBlocks(items: MyItem[], today: string, max: number, moreUrl: string): KnownBlock[] {
  const blocks = items.slice(0, max).flatMap((item): KnownBlock[] => [
    section(itemLine(item, today)),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: followUpActionId('done', item.id),
          text: { type: 'plain_text', text: 'Done' },
          style: 'primary',
        },
        {
          type: 'button',
          action_id: followUpActionId('snooze', item.id),
          text: { type: 'plain_text', text: 'Snooze a week' },
        },
      ],
    },
  ]);
  const left = items.length - max;
  if (left > 0) blocks.push(section(`…and ${left} more: <${moreUrl}|your action items on the web>`));
  return blocks;
}

export function postmortemsText(postmortems: MyPostmortem[], today: string, moreUrl: string): string {
  const lines = postmortems.map((p) => {
    const due = p.due ? (p.due < today ? `:warning: overdue since ${p.due}` : `due ${p.due}`) : 'no due date';
    const room = p.channelId ? ` <#${p.channelId}>` : '';
    return `• *${incidentRef(p.incidentNumber)}* ${escapedWithin(p.title, TITLE_MAX)} · ${due}${room}`;
  });
  const title = '*Postmortems you own*';
  const hint = '_`/incident postmortem done` in its channel marks one finished._';
  const more = (left: number) => `…and ${left} more: <${moreUrl}|on the web>`;
  return `${title}\n${fitItems(lines, SECTION_MAX - title.length - hint.length - 2, '\n', more)}\n${hint}`;
}

// The weekly reminder: one message with every overdue item (twenty with buttons, the rest counted)
// and the postmortems past their due date.
export function reminderMessage(
  content: { items: MyItem[]; postmortems: MyPostmortem[] },
  today: string,
  webUrl: string,
): { text: string; blocks: KnownBlock[] } {
  const { items, postmortems } = content;
  const counts = [
    items.length ? `${items.length} overdue action item${items.length === 1 ? '' : 's'}` : null,
    postmortems.length ? `${postmortems.length} postmortem${postmortems.length === 1 ? '' : 's'} past due` : null,
  ].filter(Boolean);
  const text = `Your weekly follow-ups: ${counts.join(' and ')}.`;
  const blocks: KnownBlock[] = [section(`:calendar: *${text}*`)];
  if (items.length) blocks.push(...itemBlocks(items, today, 20, `${webUrl}/incidents`));
  if (postmortems.length) blocks.push(section(postmortemsText(postmortems, today, `${webUrl}/incidents`)));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: 'Sent on Mondays at 09:00 your time while something is overdue. `/incident actions mine` lists yours any time.',
      },
    ],
  });
  return { text, blocks };
}

// `/incident actions mine`: every open item, overdue first, with the same buttons.
export function myActionsAnswer(mine: MyFollowUps, webUrl: string): { text: string; blocks: KnownBlock[] } {
  const overdue = mine.items.filter((i) => i.overdue).length;
  if (!mine.items.length && !mine.postmortems.length) {
    const text = 'You have no open action items. :sunny:';
    return { text, blocks: [section(text)] };
  }
  const text = `You have ${mine.items.length} open action item${mine.items.length === 1 ? '' : 's'}${overdue ? `, ${overdue} overdue` : ''}.`;
  const blocks: KnownBlock[] = [section(`*${text}*`), ...itemBlocks(mine.items, mine.today, 20, `${webUrl}/incidents`)];
  if (mine.postmortems.length)
    blocks.push(section(postmortemsText(mine.postmortems, mine.today, `${webUrl}/incidents`)));
  return { text, blocks };
}
