// The public status page's data, kept in memory: built from the published tables when something is
// published (invalidate) and at least every `ttlMs` (other replicas publish too), rendered once per
// route and version. While the database is down the last copy is served.
import { createHash } from 'node:crypto';
import type { StatusPageModel } from '../../domain/status-page/model.ts';
import { LATE, withinDeadline } from '../../deadline.ts';
import { AppError } from '../../domain/errors.ts';
import type { Logger } from '../../log.ts';

export type Rendered = { body: string; etag: string };

type Snapshot = { model: StatusPageModel; generation: number; loadedAt: number; rendered: Map<string, Rendered> };

export type StatusPageOptions = {
  // Whether `status_page` is configured: nothing is served until it is.
  configured: boolean;
  // The page as published (src/app/read-status-page.ts).
  read: () => Promise<StatusPageModel>;
  logger: Logger;
  // Where customers reach the page (status_page.url), else the bot's own address.
  baseUrl: () => string;
  ttlMs: number;
};

// How long a request waits for fresh data after a publication before it gets the previous copy.
const WAIT_FOR_FRESH_MS = 1_500;
// How long the very first load may take before the request is answered 503.
const FIRST_LOAD_MS = 4_000;

export class StatusPage {
  private snapshot: Snapshot | null = null;
  private generation = 0;
  private refreshing: Promise<Snapshot> | null = null;
  private failedAt = 0;

  constructor(private readonly options: StatusPageOptions) {}

  get configured(): boolean {
    return this.options.configured;
  }

  // The page's root, as customers reach it: links in mail and webhooks start here.
  root(): string {
    return this.options.baseUrl();
  }

  // The page as published now, read afresh (not the cached copy): what subscribers are told.
  fresh(): Promise<StatusPageModel> {
    return this.options.read();
  }

  publicIncidentUrl(id: string): string {
    return `${this.options.baseUrl()}/status/incidents/${id}`;
  }

  // Something was published: the next request reads the published tables again.
  invalidate() {
    this.generation++;
  }

  // The body for one route (a key such as `page` or `incident:<id>`), or null when `build` has
  // nothing for it. The ETag is a digest of the body: published data and nothing else.
  async render(key: string, build: (model: StatusPageModel) => string | null): Promise<Rendered | null> {
    const snapshot = await this.current();
    const cached = snapshot.rendered.get(key);
    if (cached) return cached;
    const body = build(snapshot.model);
    if (body === null) return null;
    const rendered = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    // Incident pages are bounded by the published incidents; keys from the URL only land here once found.
    snapshot.rendered.set(key, rendered);
    return rendered;
  }

  private async current(): Promise<Snapshot> {
    const snapshot = this.snapshot;
    if (!snapshot) {
      // Nothing to serve yet: a database that hangs gets a 503 to retry, not a hung request.
      const first = await withinDeadline(this.refresh(), FIRST_LOAD_MS);
      if (first === LATE) throw new AppError('UNAVAILABLE', 'The status page is not available yet; try again shortly.');
      return first;
    }
    const now = Date.now();
    const stale = snapshot.generation !== this.generation;
    const old = now - snapshot.loadedAt > this.options.ttlMs;
    if (!stale && !old) return snapshot;
    if (now - this.failedAt < this.options.ttlMs && !stale) return snapshot;
    const fresh = this.refresh().catch(() => snapshot);
    if (!stale) return snapshot;
    const waited = await withinDeadline(fresh, WAIT_FOR_FRESH_MS);
    return waited === LATE ? snapshot : waited;
  }

  private refresh(): Promise<Snapshot> {
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load(): Promise<Snapshot> {
    const generation = this.generation;
    try {
      const model = await this.options.read();
      this.snapshot = { model, generation, loadedAt: Date.now(), rendered: new Map() };
      return this.snapshot;
    } catch (error) {
      this.failedAt = Date.now();
      this.options.logger.warn({ err: error }, 'status page: could not read the published data; serving the last copy');
      throw error;
    }
  }
}
