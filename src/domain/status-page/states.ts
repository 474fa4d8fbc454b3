// Statuspage's vocabulary (SPEC.md "Status page"): component states, incident statuses, and the
// page's overall indicator, with the words customers read for each.
export const COMPONENT_STATES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

export const PUBLIC_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

// Worse states rank higher; maintenance is planned, so it ranks below any outage.
const RANK: Record<ComponentState, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const isComponentState = (s: string): s is ComponentState => (COMPONENT_STATES as readonly string[]).includes(s);
export const isPublicStatus = (s: string): s is PublicStatus => (PUBLIC_STATUSES as readonly string[]).includes(s);

export function worstState(states: Iterable<string>): ComponentState {
  let worst: ComponentState = 'operational';
  for (const s of states) if (isComponentState(s) && RANK[s] > RANK[worst]) worst = s;
  return worst;
}

export const INDICATOR_OF: Record<ComponentState, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const INDICATOR_RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
export const worseIndicator = (a: Indicator, b: Indicator): Indicator =>
  INDICATOR_RANK[b] > INDICATOR_RANK[a] ? b : a;

export const INDICATOR_DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

export const STATE_LABEL: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded Performance',
  partial_outage: 'Partial Outage',
  major_outage: 'Major Outage',
  under_maintenance: 'Under Maintenance',
};

export const STATUS_LABEL: Record<PublicStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

// The public status an incident's own status suggests when `--status` is not given.
export function defaultPublicStatus(incidentStatus: string): PublicStatus {
  if (incidentStatus === 'cancelled') return 'resolved';
  return isPublicStatus(incidentStatus) ? incidentStatus : 'investigating';
}
