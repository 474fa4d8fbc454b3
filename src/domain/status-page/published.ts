// What was published on the status page, as the store hands it over.
import type { MaintenanceStatus } from './maintenance.ts';
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
export type PublishedMaintenanceUpdate = { id: string; status: MaintenanceStatus; body: string; createdAt: Date };
export type PublishedMaintenance = {
  id: string;
  title: string;
  status: MaintenanceStatus;
  services: string[];
  scheduledFor: Date;
  scheduledUntil: Date;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  updates: PublishedMaintenanceUpdate[];
};
// The page itself: its public id (random per install) and when it was first configured.
export type StatusPageSite = { publicId: string; configuredAt: Date };
export type PublishedComponent = { firstSeenAt: Date; firstPublishedAt: Date | null };

export type Published = {
  site: StatusPageSite | null;
  incidents: PublishedIncident[];
  maintenances: PublishedMaintenance[];
  components: Map<string, PublishedComponent>;
};
