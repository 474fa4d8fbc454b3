// Splits command text into words, keeping "quoted phrases" together. Slack turns straight quotes
// typed on phones into curly ones, so both are accepted.
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]!);
  }
  return tokens;
}

export type SplitArgs = { words: string[]; flags: Map<string, string | true> };

// `--name value` and `--name=value` become flags; flags listed in `booleans` take no value.
export function splitFlags(tokens: string[], booleans: ReadonlySet<string>): SplitArgs | { error: string } {
  const words: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('--') || token.length < 3) {
      words.push(token);
      continue;
    }
    const [rawName, inlineValue] = token.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const name = rawName.toLowerCase();
    if (flags.has(name)) return { error: `--${name} is given twice` };
    if (booleans.has(name)) {
      flags.set(name, true);
      continue;
    }
    const value = inlineValue ?? tokens[++i];
    if (value === undefined || value.startsWith('--')) return { error: `--${name} needs a value` };
    flags.set(name, value);
  }
  return { words, flags };
}
