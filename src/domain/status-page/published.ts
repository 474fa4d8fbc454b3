// What was published on the status page, as the store hands it over.
import type { Indicator, PublicStatus } from './states.ts';

export type ComponentChangeRecord = { service: string; from: string; to: string };
export type PublishedUpdate = {
  id: string;
  status: PublicStatus;
  body: string;
  components: ComponentChangeRecord[];
  createdAt: Date;
  displayAt: Date;
};
export type PublishedIncident = {
  id: string;
  title: string;
  status: PublicStatus;
  impact: Indicator;
  createdAt: Date;
  updatedAt: Date;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  components: { service: string; state: string }[];
  updates: PublishedUpdate[];
};
