// schema.prisma and prisma/migrations must describe the same database: a model changed without
// `npm run db:migration -- <name>` fails here. Uses Prisma's schema engine (WASM) on an in-memory PGlite.
import { describe, expect, it } from 'vitest';
import { migrationDrift } from '../../scripts/schema-engine.ts';

describe('prisma/migrations', () => {
  it('produce exactly the database schema.prisma describes', async () => {
    expect(await migrationDrift()).toBe('');
  });
});
