import type { Prisma } from './generated/client.ts';

// Insert-or-ignore: concurrent commands may add the same person, and Prisma's upsert is not atomic
// (two of them race into a unique violation).
export async function addParticipant(tx: Prisma.TransactionClient, incidentId: string, userId: string) {
  await tx.participant.createMany({ data: [{ incidentId, userId }], skipDuplicates: true });
}
