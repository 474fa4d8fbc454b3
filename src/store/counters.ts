import type { Prisma } from './generated/client.ts';

// Gap-free sequence numbers (incident numbers, per-incident entry numbers): the row lock taken by
// the upsert makes concurrent transactions take turns.
export async function nextValue(tx: Prisma.TransactionClient, name: string): Promise<number> {
  const row = await tx.counter.upsert({ where: { name }, create: { name, value: 1 }, update: { value: { increment: 1 } } });
  return row.value;
}
