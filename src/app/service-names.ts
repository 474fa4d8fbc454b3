import type { Config } from '../config/index.ts';
import type { Db } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';

// With no catalog in the configuration, the names people use are remembered, so `/incident help`
// and the declare form can offer them. Never from the deploy gate: a typo in CI must not create one.
export async function rememberServices(tx: Prisma.TransactionClient, config: Config, ids: string[], now: Date) {
  if (config.file.services.length || !ids.length) return;
  await tx.serviceName.createMany({ data: ids.map((id) => ({ id, firstUsedAt: now })), skipDuplicates: true });
}

// The catalog's ids, or the names in use on a first install (none when the database cannot say).
export async function serviceNamesInUse(db: Db, config: Config): Promise<string[]> {
  if (config.file.services.length) return config.file.services.map((s) => s.id);
  const rows = await db.serviceName.findMany({ orderBy: { id: 'asc' }, take: 100 }).catch(() => []);
  return rows.map((r) => r.id);
}
