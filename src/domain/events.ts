// What happened, as data: use cases queue these with their records, and each surface words them
// (src/slack/messages/ for Slack). Queued as JSON, so times are ISO strings.
import type { ChangeRecord } from './changes.ts';

// The incident as it was when the event happened (announcements name it).
export type IncidentFacts = { number: number; title: string; isDrill: boolean };

export type Scope = { services: string[]; environments: string[] };

export type ActionItemFacts = {
  seq: number;
  text: string;
  ownerId: string | null;
  priority: string;
  // YYYY-MM-DD
  due: string | null;
  theme: string | null;
};

// A deploy as a message names it.
export type ChangeFacts = Omit<ChangeRecord, 'id' | 'occurredAt'> & { at: string };

// Posted in the incident's room (and for some, announced).
export type IncidentEvent =
  | {
      type: 'severity_changed';
      actorId: string;
      from: string | null;
      to: string;
      reason: string;
      direction: 'upgrade' | 'downgrade';
    }
  | { type: 'status_changed'; actorId: string; from: string; to: string; message: string }
  | { type: 'cancelled'; actorId: string; reason: string }
  | {
      type: 'status_published';
      actorId: string;
      status: string;
      title: string;
      body: string;
      components: { service: string; from: string; to: string }[];
      first: boolean;
      renamed: boolean;
      url: string | null;
      publicId: string;
    }
  | { type: 'reopened'; actorId: string; reason: string }
  | { type: 'update_posted'; actorId: string; text: string; severity: string | null; status: string }
  | { type: 'incident_edited'; actorId: string; field: 'title' | 'summary'; text: string }
  | { type: 'services_changed'; actorId: string; op: 'add' | 'remove'; changed: string[]; services: string[] }
  | { type: 'role_assigned'; actorId: string; role: string; userId: string }
  | { type: 'milestone_marked'; actorId: string; milestone: string; at: string; corrected: boolean }
  | { type: 'impact_recorded'; actorId: string; summary: string; correctedFrom?: string | null; at: string }
  | { type: 'action_item_added'; actorId: string; item: ActionItemFacts }
  | { type: 'action_item_state'; actorId: string; op: 'done' | 'reopen' | 'remove'; seq: number; text: string }
  | { type: 'action_item_edited'; actorId: string; item: ActionItemFacts; alreadyFiled: boolean }
  | { type: 'postmortem_details_set'; actorId: string; ownerId: string | null; due: string | null }
  | { type: 'postmortem_done'; actorId: string }
  | { type: 'action_items_filing'; actorId: string; seqs: number[] }
  | { type: 'paging'; actorId: string; userId: string | null; service: string; message: string }
  | { type: 'pagerduty_resolved_too' }
  | { type: 'level_froze_deploys'; level: string; scope: Scope }
  | { type: 'deploys_frozen'; actorId: string; scope: Scope; until: string | null; reason: string }
  | { type: 'deploys_unfrozen'; actorId: string; summary: string }
  | { type: 'exception_granted'; actorId: string; service: string; version: string; until: string; reason: string }
  | { type: 'exception_revoked'; actorId: string; service: string; version: string }
  | { type: 'deploy_reported'; change: ChangeFacts; exception: { grantedBy: string; reason: string } | null }
  | { type: 'suspects'; changes: ChangeFacts[]; more: number; since: string; listUrl: string | null }
  | { type: 'cause_set'; actorId: string; change: ChangeFacts | null }
  | { type: 'action_items_done' };

// What is told of a scheduled maintenance (announcements channel; subscribers): at each step.
export type MaintenanceNotice = {
  step: 'scheduled' | 'reminder' | 'started' | 'updated' | 'completed' | 'cancelled';
  number: number;
  publicId: string;
  title: string;
  services: string[];
  scheduledFor: string;
  scheduledUntil: string;
  status: string;
  // What customers read (or null: the step says it all).
  body: string | null;
  // null when a timer moved it.
  actorId: string | null;
};

// Told privately to the person who ran a command.
export type ReplyEvent =
  | { type: 'note_added'; seq: number; at: string; backdated: boolean }
  | { type: 'entry_corrected'; seq: number }
  | { type: 'incident_opened'; number: number; channelId: string | null }
  | { type: 'maintenance_done'; notice: MaintenanceNotice; url: string | null }
  | { type: 'follow_up_done'; number: number; seq: number; text: string }
  | { type: 'follow_up_snoozed'; number: number; seq: number; text: string; until: string };

// The question a prompt asked, to show it again with its answer.
export type PromptQuestion =
  | { kind: 'severity'; number: number; level: string | null }
  | { kind: 'freeze'; number: number }
  | { kind: 'resolve'; number: number }
  | { kind: 'statuspage'; number: number };
