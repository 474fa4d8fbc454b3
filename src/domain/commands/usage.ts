// Usage text shown by `/incident help` and after any malformed command.
const TOPICS: Record<string, string> = {
  declare:
    '`/incident declare <title> [--sev SEV2] [--services api,web] [--private] [--drill]`: declare an incident now\n' +
    '`/incident` or `/incident declare`: open the declare form',
  list: '`/incident list`: open incidents',
  help: '`/incident help`: this message',
};

export function usageFor(topic?: string): string {
  if (topic && TOPICS[topic]) return `*Usage*\n${TOPICS[topic]}`;
  return `*Usage*\n${Object.values(TOPICS).join('\n')}`;
}
