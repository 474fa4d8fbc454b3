// "90s", "15m", "2h", "1d" -> milliseconds. Used by the config file and by `--for`.
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): number | null {
  const match = /^\s*(\d+)\s*([smhd])\s*$/i.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  if (amount <= 0) return null;
  return amount * UNIT_MS[match[2]!.toLowerCase() as keyof typeof UNIT_MS];
}
