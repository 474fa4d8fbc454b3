import type { HomeView, KnownBlock } from '@slack/types';
import { formatDistanceStrict } from 'date-fns';
import type { Home, HomeIncident, HomePrompt } from '../../app/read-home.ts';
import { incidentRef } from '../../domain/incident.ts';
import { escapedWithin, fitItems } from '../../domain/text.ts';
import { itemBlocks, postmortemsText } from './follow-ups.ts';

export const HOME_DECLARE = 'home_declare';
export const HOME_WEB_LINK = 'home_web_link';

const SECTION_MAX = 3_000;
// A Home tab holds 100 blocks: eight sections of incidents, fifteen items with their buttons and
// the rest stay well within it, whatever the numbers.
const INCIDENT_SECTIONS = 8;
const ITEMS_SHOWN = 15;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

const PROMPT_WORDS: Record<string, string> = {
  severity: 'is the severity still right?',
  nudge: 'time for a status update',
  freeze: 'lift the deploy freeze?',
  resolve: 'PagerDuty resolved its incident: resolve this one?',
  statuspage: 'post "resolved" on the status page?',
};

function incidentLine(i: HomeIncident, now: Date): string {
  const room = i.channelId ? ` <#${i.channelId}>` : '';
  const roles = i.roles.length ? ` · _you: ${i.roles.join(', ')}_` : '';
  const lock = i.isPrivate ? ':lock: ' : '';
  return `• ${lock}*${incidentRef(i.number)}* ${i.severity ?? 'no severity'} · ${i.status} · ${formatDistanceStrict(i.declaredAt, now)} · ${escapedWithin(i.title, 80)}${room}${roles}`;
}

// The open incidents in sections of whole lines; past what fits, how many more and where.
function incidentSections(incidents: HomeIncident[], now: Date, listUrl: string): KnownBlock[] {
  if (!incidents.length) return [section('*Open incidents*\nNone. :sunny:')];
  const heading = `*Open incidents* (${incidents.length})`;
  const more = (left: number) => `…and ${left} more: <${listUrl}|every open incident on the web>`;
  let rest = incidents.map((i) => incidentLine(i, now));
  const texts: string[] = [];
  while (rest.length) {
    const budget = SECTION_MAX - (texts.length ? 0 : heading.length + 1);
    if (texts.length === INCIDENT_SECTIONS - 1) {
      texts.push(fitItems(rest, budget, '\n', more));
      break;
    }
    const n = wholeLinesWithin(rest, budget);
    texts.push(rest.slice(0, n).join('\n'));
    rest = rest.slice(n);
  }
  texts[0] = `${heading}\n${texts[0]}`;
  return texts.map(section);
}

// How many lines, joined, fit in `max` (at least one: a line is far shorter than a section).
function wholeLinesWithin(lines: string[], max: number): number {
  let length = -1;
  let n = 0;
  for (const line of lines) {
    if (length + 1 + line.length > max) break;
    length += 1 + line.length;
    n++;
  }
  return Math.max(n, 1);
}

function promptsText(prompts: HomePrompt[], now: Date): string {
  const lines = prompts.map((p) => {
    const room = p.channelId ? ` in <#${p.channelId}>` : '';
    return `• *${incidentRef(p.incidentNumber)}*: ${PROMPT_WORDS[p.kind] ?? p.kind}${room} (asked ${formatDistanceStrict(p.askedAt, now)} ago)`;
  });
  const title = '*Waiting for your answer*';
  return `${title}\n${fitItems(lines, SECTION_MAX - title.length - 1, '\n', (left) => `…and ${left} more`)}`;
}

// The App Home: what needs this person now, and the ways in.
export function homeView(home: Home, now: Date, webUrl: string): HomeView {
  const { incidents, followUps, prompts } = home;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Incidents' } },
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: HOME_DECLARE,
          text: { type: 'plain_text', text: 'Declare an incident' },
          style: 'danger',
        },
        { type: 'button', action_id: HOME_WEB_LINK, text: { type: 'plain_text', text: 'Sign in to the web view' } },
      ],
    },
    { type: 'divider' },
    ...incidentSections(incidents, now, `${webUrl}/incidents?status=open`),
  ];
  if (prompts.length) blocks.push({ type: 'divider' }, section(promptsText(prompts, now)));
  blocks.push({ type: 'divider' });
  if (followUps.items.length) {
    const overdue = followUps.items.filter((i) => i.overdue).length;
    blocks.push(
      section(`*Your action items* (${followUps.items.length} open${overdue ? `, ${overdue} overdue` : ''})`),
      ...itemBlocks(followUps.items, followUps.today, ITEMS_SHOWN, `${webUrl}/incidents`),
    );
  } else blocks.push(section('*Your action items*\nNone open. :white_check_mark:'));
  if (followUps.postmortems.length)
    blocks.push(section(postmortemsText(followUps.postmortems, followUps.today, `${webUrl}/incidents`)));
  const nothing = !incidents.length && !prompts.length && !followUps.items.length && !followUps.postmortems.length;
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: nothing
          ? 'Nothing needs you right now. When something breaks, press *Declare an incident* or type `/incident declare <what is wrong>` in any channel; `/incident help` lists the rest.'
          : 'Refreshed each time you open this tab. `/incident actions mine` lists your items in any channel; `/incident help` lists the rest.',
      },
    ],
  });
  return { type: 'home', blocks };
}
