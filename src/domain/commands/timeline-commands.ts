import { MILESTONES, type MilestoneKind } from '../milestones.ts';
import { TIME_GRAMMAR, timeSyntaxProblem } from '../time/parse-time.ts';
import { splitFlags } from './tokenize.ts';
import { tooLong } from './limits.ts';
import { serviceNamesProblem } from './service-names.ts';

export type TimelineCommand =
  | { name: 'note'; text: string; time: string | null }
  | { name: 'edit_entry'; seq: number; text: string; time: string | null }
  | { name: 'mark'; milestone: MilestoneKind; text: string; time: string | null }
  | { name: 'timeline'; all: boolean }
  | {
      name: 'impact';
      service: string;
      edge: 'start' | 'end';
      environment: string;
      degraded: boolean;
      time: string | null;
    };

type Result = { ok: true; command: TimelineCommand } | { ok: false; problem: string; topic: string };

// One or two ASCII digits, a colon, digits (SPEC.md): typed as a time, so it must be one.
const TIME_SHAPED = /^\d{1,2}:\d+(?::\d+)*(?:am|pm)?$/i;

type LeadingTime = { time: string | null; rest: string[] } | { problem: string };

// A time may open the text ("14:21 config pushed", "yesterday 23:10 alert fired", "14:21 UTC x"):
// the longest opening of up to three words that reads as a time is taken as one. An opening shaped
// like a time that is none (25:99, 14:7) is refused rather than recorded as text at "now".
export function leadingTime(words: string[]): LeadingTime {
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const candidate = words.slice(0, n).join(' ');
    if (!timeSyntaxProblem(candidate)) return { time: candidate, rest: words.slice(n) };
  }
  const first = words[0];
  if (first && TIME_SHAPED.test(first)) {
    return {
      problem: `"${first}" looks like a time but is not one. ${TIME_GRAMMAR} To start the text with it, quote it: "${first} …".`,
    };
  }
  return { time: null, rest: words };
}

// `raw` is the text after the subcommand, as typed: notes keep their quotes.
export function parseTimelineCommand(sub: string, raw: string, services: readonly string[] = []): Result | null {
  const words = raw.trim().split(/\s+/).filter(Boolean);
  switch (sub) {
    case 'note': {
      if (words[0]?.toLowerCase() === 'edit') {
        const seq = Number(words[1]);
        if (!Number.isInteger(seq) || seq < 1)
          return {
            ok: false,
            problem: 'Give the entry number: `/incident note edit 12 14:21 corrected text`.',
            topic: 'note',
          };
        const edited = leadingTime(words.slice(2));
        if ('problem' in edited) return { ok: false, problem: edited.problem, topic: 'note' };
        const text = edited.rest.join(' ').trim();
        if (!text && !edited.time)
          return { ok: false, problem: 'Give a new time, a new text, or both.', topic: 'note' };
        const long = tooLong('text', text, 'That note');
        if (long) return { ok: false, problem: long, topic: 'note' };
        return { ok: true, command: { name: 'edit_entry', seq, text, time: edited.time } };
      }
      const leading = leadingTime(words);
      if ('problem' in leading) return { ok: false, problem: leading.problem, topic: 'note' };
      const { time, rest } = leading;
      const text = rest.join(' ').trim();
      if (!text) return { ok: false, problem: '`/incident note` needs some text.', topic: 'note' };
      const long = tooLong('text', text, 'That note');
      if (long) return { ok: false, problem: long, topic: 'note' };
      return { ok: true, command: { name: 'note', text, time } };
    }
    case 'mark': {
      const milestone = words[0]?.toLowerCase();
      if (!milestone || !(MILESTONES as readonly string[]).includes(milestone)) {
        return { ok: false, problem: `Give a milestone: ${MILESTONES.join(', ')}.`, topic: 'mark' };
      }
      const leading = leadingTime(words.slice(1));
      if ('problem' in leading) return { ok: false, problem: leading.problem, topic: 'mark' };
      const { time, rest } = leading;
      const text = rest.join(' ').trim();
      const long = tooLong('text', text);
      if (long) return { ok: false, problem: long, topic: 'mark' };
      return { ok: true, command: { name: 'mark', milestone: milestone as MilestoneKind, time, text } };
    }
    case 'timeline': {
      if (words.length > 1 || (words[0] && words[0] !== '--all'))
        return { ok: false, problem: '`/incident timeline` takes only `--all`.', topic: 'timeline' };
      return { ok: true, command: { name: 'timeline', all: words[0] === '--all' } };
    }
    case 'impact': {
      const split = splitFlags(words, new Set(['degraded']));
      if ('error' in split) return { ok: false, problem: split.error, topic: 'impact' };
      const unknown = [...split.flags.keys()].find((f) => f !== 'env' && f !== 'degraded');
      if (unknown) return { ok: false, problem: `\`--${unknown}\` is not an option of impact.`, topic: 'impact' };
      const [serviceWord, edgeWord, ...rest] = split.words;
      const service = serviceWord?.toLowerCase();
      if (!service) {
        const known = services.length ? services.join(', ') : 'any name, like api';
        return { ok: false, problem: `Name a service: ${known}.`, topic: 'impact' };
      }
      const unknownService = serviceNamesProblem([service], services);
      if (unknownService) return { ok: false, problem: unknownService, topic: 'impact' };
      const edge = edgeWord?.toLowerCase();
      if (edge !== 'start' && edge !== 'end')
        return { ok: false, problem: 'Say `start` or `end` after the service.', topic: 'impact' };
      const leading = leadingTime(rest);
      if ('problem' in leading) return { ok: false, problem: leading.problem, topic: 'impact' };
      const { time, rest: extra } = leading;
      if (extra.length) return { ok: false, problem: `I don't understand "${extra.join(' ')}".`, topic: 'impact' };
      const environment = String(split.flags.get('env') ?? 'production').toLowerCase();
      if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(environment))
        return { ok: false, problem: '`--env` is a word like production or preview.', topic: 'impact' };
      return {
        ok: true,
        command: { name: 'impact', service, edge, environment, degraded: split.flags.has('degraded'), time },
      };
    }
    default:
      return null;
  }
}
