// `--name value` options around a message that is kept exactly as typed (quotes, apostrophes and
// line breaks included): taken from the start of the text, or from its end.
const VALUE = String.raw`(?:"([^"]*)"|“([^”]*)”|(\S+))`;
// A time may be typed unquoted with a space: `2026-12-05 02:00`, `tomorrow 02:00`, `02:00 UTC`.
const TIME_VALUE = String.raw`(?:"([^"]*)"|“([^”]*)”|((?:\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?|(?:tomorrow|yesterday)\s+\S+|\S+)(?:\s+(?:utc|z|[+-]\d{2}:?\d{2})(?=\s|$))?))`;

export type ExtractedOptions<O extends string> = { options: Map<O, string>; rest: string } | { problem: string };

export function extractOptions<O extends string>(
  text: string,
  names: readonly O[],
  command: string,
  timeOptions: readonly O[] = [],
): ExtractedOptions<O> {
  const options = new Map<O, string>();
  const value = (name: string) => ((timeOptions as readonly string[]).includes(name) ? TIME_VALUE : VALUE);
  let rest = text;
  for (;;) {
    const leadingName = /^\s*--([a-z-]+)(?:=|\s+)/i.exec(rest);
    const leading =
      leadingName &&
      new RegExp(String.raw`^\s*--([a-z-]+)(?:=|\s+)${value(leadingName[1]!.toLowerCase())}`, 'i').exec(rest);
    const trailing =
      leading ??
      names
        .map((name) => new RegExp(String.raw`\s--(${name})(?:=|\s+)${value(name)}\s*$`, 'i').exec(rest))
        .find((m) => m !== null);
    const m = leading ?? trailing;
    if (!m) break;
    const name = m[1]!.toLowerCase() as O;
    if (!names.includes(name)) return { problem: `\`--${m[1]}\` is not an option of ${command}.` };
    if (options.has(name)) return { problem: `--${name} is given twice.` };
    options.set(name, (m[2] ?? m[3] ?? m[4]!).trim());
    rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length);
  }
  return { options, rest: rest.trim() };
}
