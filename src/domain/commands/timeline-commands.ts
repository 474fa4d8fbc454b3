import { MILESTONES, type MilestoneKind } from '../milestones.ts';
import { timeSyntaxProblem } from '../time/parse-time.ts';

export type TimelineCommand =
  | { name: 'note'; text: string; time: string | null }
  | { name: 'mark'; milestone: MilestoneKind; text: string; time: string | null }
  | { name: 'timeline'; all: boolean };

type Result = { ok: true; command: TimelineCommand } | { ok: false; problem: string; topic: string };

const MAX_TEXT = 3_000;

// A time may open the text ("14:21 config pushed", "yesterday 23:10 alert fired", "14:21 UTC x"):
// the longest opening of up to three words that reads as a time is taken as one.
export function leadingTime(words: string[]): { time: string | null; rest: string[] } {
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const candidate = words.slice(0, n).join(' ');
    if (!timeSyntaxProblem(candidate)) return { time: candidate, rest: words.slice(n) };
  }
  return { time: null, rest: words };
}

// `raw` is the text after the subcommand, as typed: notes keep their quotes.
export function parseTimelineCommand(sub: string, raw: string): Result | null {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  switch (sub) {
    case 'note': {
      const { time, rest } = leadingTime(words);
      const text = rest.join(' ').trim();
      if (!text) return { ok: false, problem: '`/incident note` needs some text.', topic: 'note' };
      if (text.length > MAX_TEXT) return { ok: false, problem: `That note is ${text.length} characters; keep it under ${MAX_TEXT}.`, topic: 'note' };
      return { ok: true, command: { name: 'note', text, time } };
    }
    case 'mark': {
      const milestone = words[0]?.toLowerCase();
      if (!milestone || !(MILESTONES as readonly string[]).includes(milestone)) {
        return { ok: false, problem: `Give a milestone: ${MILESTONES.join(', ')}.`, topic: 'mark' };
      }
      const { time, rest } = leadingTime(words.slice(1));
      return { ok: true, command: { name: 'mark', milestone: milestone as MilestoneKind, time, text: rest.join(' ').trim().slice(0, MAX_TEXT) } };
    }
    case 'timeline': {
      if (words.length > 1 || (words[0] && words[0] !== '--all')) return { ok: false, problem: '`/incident timeline` takes only `--all`.', topic: 'timeline' };
      return { ok: true, command: { name: 'timeline', all: words[0] === '--all' } };
    }
    default:
      return null;
  }
}
