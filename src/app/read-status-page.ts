import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { buildStatusPage, type StatusPageModel } from '../domain/status-page/model.ts';
import type { Db } from '../store/database.ts';
import { ensureStatusPageSite, loadPublished } from '../store/status-page.ts';
import { visibleComponents } from './publish-status-update.ts';

export type ReadStatusPageOptions = {
  db: Db;
  config: Config;
  clock: Clock;
  baseUrl: string;
  emailSubscriptions: boolean;
};

// The public status page as customers see it, from what was published and nothing else.
export async function readStatusPage({
  db,
  config,
  clock,
  baseUrl,
  emailSubscriptions,
}: ReadStatusPageOptions): Promise<StatusPageModel> {
  const now = clock.now();
  const published = await loadPublished(db, now);
  return buildStatusPage({
    ...published,
    seen: published.components,
    title: config.file.status_page?.title ?? '',
    url: baseUrl,
    components: config.file.services
      .filter((s) => s.status_page)
      .map((s) => ({ service: s.id, name: s.name ?? s.id, group: s.group ?? null })),
    emailSubscriptions,
    now,
  });
}

// At start-up with `status_page` configured: the page gets its id and configured time once, and
// newly configured components are first seen now.
export async function prepareStatusPage(db: Db, config: Config, clock: Clock): Promise<void> {
  if (!config.file.status_page) return;
  await ensureStatusPageSite(db, clock.now(), visibleComponents(config));
}
