import { type EntryWithData, entryText } from '../../domain/timeline.ts';
import { escapeText } from '../../domain/text.ts';

export { escapeText };

// An acknowledgement or ephemeral answer holds 40,000 characters (Slack cuts the rest): a list in
// one stops short of it and says how many more there are.
export const ANSWER_MAX = 39_000;

// Slack renders <!date^...> in each reader's own time zone; the fallback is UTC.
export function slackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^${format}|${fallback}>`;
}

export const userMention = (userId: string | null | undefined) => (userId ? `<@${userId}>` : '_unassigned_');

// A timeline entry's sentence for Slack: escaped, with its times (domain/timeline.ts entryText) as
// Slack dates. Two private-use characters carry them through the escaping.
export function slackEntryText(entry: EntryWithData): string {
  const marked = entryText(entry, (at) => `\uE000${at.getTime()}\uE001`);
  return escapeText(marked).replace(/\uE000(\d+)\uE001/g, (_, ms: string) => slackDate(new Date(Number(ms))));
}
