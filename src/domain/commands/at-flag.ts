import { timeSyntaxProblem } from '../time/parse-time.ts';

// `--at <time>` may hold spaces ("yesterday 23:10", "14:21 UTC", "2026-03-04 14:21"), so it is
// cut out of the text before the rest is split into words.
const AT =
  /(?:^|\s)--at(?:\s+|=)((?:yesterday\s+)?\d{4}-\d{2}-\d{2}[T\s]\d{1,2}:\d{2}(?::\d{2})?\S*|(?:yesterday\s+)?[^\s]+(?:\s*(?:am|pm))?(?:\s+(?:utc|z|[+-]\d{2}:?\d{2}))?)(?=\s|$)/i;

export type AtFlag = { text: string; at: string | null } | { error: string };

export function extractAt(text: string): AtFlag {
  const match = AT.exec(text);
  if (!match) {
    if (/(?:^|\s)--at(?:\s*$|=\s*$)/i.test(text)) return { error: '--at needs a time' };
    return { text, at: null };
  }
  const at = match[1]!.trim();
  const problem = timeSyntaxProblem(at);
  if (problem) return { error: problem };
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').trim();
  if (AT.test(rest)) return { error: '--at is given twice' };
  return { text: rest, at };
}
