import { AppError } from '../domain/errors.ts';
import type { Prisma } from '../store/generated/client.ts';

// The question a button answers: from this incident (and of this kind), not answered yet.
export async function openPrompt(tx: Prisma.TransactionClient, incidentId: string, promptId: string, kind?: string) {
  const prompt = await tx.prompt.findUnique({ where: { id: promptId } });
  if (!prompt || prompt.incidentId !== incidentId || (kind && prompt.kind !== kind))
    throw new AppError('NOT_FOUND', 'That question is not from this incident.');
  if (prompt.answeredAt)
    throw new AppError('CONFLICT', `<@${prompt.answeredBy}> already answered that (${prompt.answer}).`);
  return prompt;
}
