// Slack renders <!date^...> in each reader's own time zone; the fallback is UTC.
export function slackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^${format}|${fallback}>`;
}

export const userMention = (userId: string | null | undefined) => (userId ? `<@${userId}>` : '_unassigned_');

export { escapeText } from '../../domain/text.ts';
