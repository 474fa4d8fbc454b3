import type { Config } from '../config/index.ts';
import type { Db } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { MENU_OPTIONS_MAX, matchServices, type OfferedService } from '../domain/service-search.ts';

// A bound on what one question reads; a first install never comes near it.
const NAMES_IN_USE_MAX = 10_000;

// With no catalog in the configuration, the names people use are remembered, so `/incident help`
// and the declare form can offer them. Never from the deploy gate: a typo in CI must not create one.
export async function rememberServices(tx: Prisma.TransactionClient, config: Config, ids: string[], now: Date) {
  if (config.file.services.length || !ids.length) return;
  await tx.serviceName.createMany({ data: ids.map((id) => ({ id, firstUsedAt: now })), skipDuplicates: true });
}

// The catalog's ids, or the names in use on a first install (none when the database cannot say).
export async function serviceNamesInUse(db: Db, config: Config): Promise<string[]> {
  return (await servicesOffered(db, config)).map((s) => s.id);
}

// What the declare form offers: the catalog, or on a first install the names in use so far.
export async function servicesOffered(db: Db, config: Config): Promise<OfferedService[]> {
  if (config.file.services.length) return config.file.services;
  const rows = await db.serviceName.findMany({ orderBy: { id: 'asc' }, take: NAMES_IN_USE_MAX }).catch(() => []);
  return rows.map((r) => ({ id: r.id }));
}

// The declare form's service picker, for a catalog too large for one menu: what was typed, matched.
export async function searchServices(db: Db, config: Config, query: string): Promise<OfferedService[]> {
  return matchServices(await servicesOffered(db, config), query, MENU_OPTIONS_MAX);
}
