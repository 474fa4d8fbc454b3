import type { ChangeRecord } from '../changes.ts';
import type { MilestoneKind } from '../milestones.ts';

// Everything the postmortem draft is made from, read from the database in one go. Plain data: the
// renderer needs nothing else (no clock, no time zone), which keeps it deterministic.
export type PostmortemRecord = {
  incident: {
    number: number;
    title: string;
    summary: string;
    severity: string | null;
    status: string;
    isDrill: boolean;
    services: string[];
    declaredAt: Date;
    declaredBy: string;
    postmortemOwner: string | null;
    // A calendar date, YYYY-MM-DD.
    postmortemDue: string | null;
  };
  // Deploys of its services from the look-back window before it started to its end, and the one
  // recorded as its trigger (none of either: no section).
  changes?: PostmortemChange[];
  trigger?: PostmortemChange | null;
  // What was published on the status page about this incident (none: no section).
  publicUpdates?: { title: string; status: string; body: string; createdAt: Date; displayAt: Date }[];
  // Slack user id -> display name, for the people the record mentions.
  people: Record<string, string>;
  roles: { role: string; userId: string }[];
  // Current values only (corrections replace earlier ones).
  milestones: { kind: MilestoneKind; occurredAt: Date }[];
  impact: { service: string; environment: string; degraded: boolean; startedAt: Date; endedAt: Date | null }[];
  severityChanges: {
    id: number;
    fromLevel: string | null;
    toLevel: string;
    changedBy: string;
    occurredAt: Date;
    recordedAt: Date;
    reason: string;
  }[];
  statusChanges: {
    id: number;
    fromStatus: string | null;
    toStatus: string;
    changedBy: string;
    occurredAt: Date;
    recordedAt: Date;
    message: string;
  }[];
  // How many entries there are, whether `timeline` holds them all or one page of them.
  timelineTotal?: number;
  timeline: {
    id: number;
    seq: number;
    kind: string;
    text: string;
    // Times that belong in the sentence (domain/timeline.ts entryText).
    data?: unknown;
    actorId: string | null;
    occurredAt: Date;
    recordedAt: Date;
    permalink: string | null;
    count: number;
  }[];
  freezes: {
    id: string;
    services: string[];
    environments: string[];
    reason: string;
    createdBy: string;
    startedAt: Date;
    expiresAt: Date | null;
    liftedAt: Date | null;
    liftedBy: string | null;
  }[];
  exceptions: {
    id: string;
    service: string;
    version: string;
    reason: string;
    grantedBy: string;
    grantedAt: Date;
    expiresAt: Date;
  }[];
  gateDecisions: {
    allowed: boolean;
    count: number;
    service: string;
    environment: string;
    version: string;
    pipeline: string;
  }[];
  actionItems: {
    seq: number;
    text: string;
    ownerId: string | null;
    priority: string;
    dueDate: string | null;
    theme: string | null;
    state: string;
    linearKey: string | null;
    linearUrl: string | null;
    linearState: string | null;
    filing: string;
    filingError: string | null;
  }[];
};

export type PostmortemChange = ChangeRecord;
