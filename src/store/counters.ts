import type { Prisma } from './generated/client.ts';

// Gap-free sequence numbers (incident numbers, per-incident entry numbers). One atomic statement:
// concurrent first uses of a counter cannot collide, and the row lock makes later ones take turns.
export async function nextValue(tx: Prisma.TransactionClient, name: string): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ value: number }[]>(
    `INSERT INTO "Counter" (name, value) VALUES ($1, 1)
     ON CONFLICT (name) DO UPDATE SET value = "Counter".value + 1
     RETURNING value`,
    name,
  );
  return rows[0]!.value;
}
