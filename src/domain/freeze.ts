// Deploy freezes (SPEC.md "Deploy freeze"): what a freeze covers, which versions an exception lets
// through, and what the gate answers. Pure: callers pass the active records and the time.

export type FreezeScope = { services: readonly string[]; environments: readonly string[] };

export type GateException = { id: string; service: string; version: string; expiresAt: Date };

export type GateIncident = {
  id: string;
  number: number;
  title: string;
  isPrivate: boolean;
  channelName: string | null;
  commander: { id: string; name: string | null } | null;
};

export type GateFreeze = FreezeScope & {
  id: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date | null;
  incident: GateIncident | null;
  exceptions: readonly GateException[];
};

export type GateQuery = { service: string; environment: string; version: string };

// Every freeze that covers the query, each with the exception that lets this version through (if
// any). Allowed when there is none, or every one of them has an exception.
export type GateDecision = {
  allowed: boolean;
  involved: { freeze: GateFreeze; exception: GateException | null }[];
};

const SHA = /^[0-9a-f]{7,40}$/;
export const MIN_SHA_PREFIX = 7;
export const DEFAULT_EXCEPTION_MS = 60 * 60_000;

export const describeScope = (scope: FreezeScope): string => {
  const services = scope.services.length ? scope.services.join(', ') : 'all services';
  return scope.environments.length ? `${services} (${scope.environments.join(', ')})` : services;
};

export function freezeCovers(scope: FreezeScope, service: string, environment: string): boolean {
  return (
    (!scope.services.length || scope.services.includes(service)) &&
    (!scope.environments.length || scope.environments.includes(environment))
  );
}

// Whether everything `inner` freezes is already frozen by `outer`.
export function scopeContains(outer: FreezeScope, inner: FreezeScope): boolean {
  const within = (o: readonly string[], i: readonly string[]) =>
    !o.length || (i.length > 0 && i.every((x) => o.includes(x)));
  return within(outer.services, inner.services) && within(outer.environments, inner.environments);
}

export const isFreezeActive = (freeze: { expiresAt: Date | null; liftedAt?: Date | null }, now: Date) =>
  !freeze.liftedAt && (!freeze.expiresAt || freeze.expiresAt > now);

// A granted SHA (or prefix) covers every version that starts with it; the pipeline must name at
// least as much of the commit as the exception does. Other version strings (tags) match exactly.
export function versionMatches(granted: string, asked: string): boolean {
  const g = granted.toLowerCase();
  const a = asked.toLowerCase();
  return SHA.test(g) && SHA.test(a) ? a.startsWith(g) : g === a;
}

// A problem with a version typed for an exception, or null.
export function exceptionVersionProblem(version: string): string | null {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(version))
    return `\`${version}\` is not a version: give a commit SHA (or its first ${MIN_SHA_PREFIX}+ characters) or a tag.`;
  if (/^[0-9a-f]+$/i.test(version) && version.length < MIN_SHA_PREFIX)
    return `\`${version}\` is too short: give at least ${MIN_SHA_PREFIX} characters of the commit SHA.`;
  return null;
}

export function decideGate(freezes: readonly GateFreeze[], query: GateQuery, now: Date): GateDecision {
  const involved = freezes
    .filter((f) => isFreezeActive(f, now) && freezeCovers(f, query.service, query.environment))
    .map((freeze) => ({
      freeze,
      exception:
        freeze.exceptions.find(
          (e) => e.service === query.service && e.expiresAt > now && versionMatches(e.version, query.version),
        ) ?? null,
    }));
  return { allowed: involved.every((i) => i.exception), involved };
}

const PRIVATE = 'a private incident';

// The HTTP answer (SPEC.md): 200 {allowed:true} or 423 with why, the incident, the freeze and how
// to get an exception. A private incident is never named, nor is its reason given.
export function gateAnswer(
  decision: GateDecision,
  query: GateQuery,
): { status: 200 | 423; body: Record<string, unknown> } {
  if (decision.allowed) {
    const excepted = decision.involved.map((i) => i.exception!);
    if (!excepted.length) return { status: 200, body: { allowed: true } };
    const until = new Date(Math.min(...excepted.map((e) => e.expiresAt.getTime())));
    return {
      status: 200,
      body: {
        allowed: true,
        exception: { service: query.service, version: excepted[0]!.version, expiresAt: until.toISOString() },
      },
    };
  }
  const { freeze } = decision.involved.find((i) => !i.exception)!;
  const incident = freeze.incident;
  const what = `${query.service} in ${query.environment}`;
  const freezeBody = {
    id: freeze.id,
    services: freeze.services,
    environments: freeze.environments,
    startedAt: freeze.startedAt.toISOString(),
    expiresAt: freeze.expiresAt?.toISOString() ?? null,
  };
  const allow = `/incident freeze allow ${query.service}@${query.version} <why>`;
  if (incident?.isPrivate) {
    return {
      status: 423,
      body: {
        allowed: false,
        reason: `Deploys of ${what} are frozen by ${PRIVATE}.`,
        incident: PRIVATE,
        freeze: freezeBody,
        exceptionHint: `Ask the commander of ${PRIVATE} to run \`${allow}\` in its channel.`,
      },
    };
  }
  if (!incident) {
    return {
      status: 423,
      body: {
        allowed: false,
        reason: `Deploys of ${what} are frozen: ${freeze.reason || 'a freeze outside any incident'}.`,
        incident: null,
        freeze: { ...freezeBody, reason: freeze.reason },
        exceptionHint: `Ask whoever set the freeze to run \`${allow} --global\`.`,
      },
    };
  }
  const ref = `INC-${incident.number}`;
  const channel = incident.channelName ? ` in #${incident.channelName}` : '';
  const commander = incident.commander
    ? `${incident.commander.name ?? incident.commander.id} (commander)`
    : 'the commander';
  return {
    status: 423,
    body: {
      allowed: false,
      reason: `Deploys of ${what} are frozen by ${ref} (${incident.title})${freeze.reason ? `: ${freeze.reason}` : ''}.`,
      incident: { id: ref, title: incident.title, channel: incident.channelName, commander: incident.commander },
      freeze: { ...freezeBody, reason: freeze.reason },
      exceptionHint: `Ask ${commander}${channel} to run \`${allow}\`.`,
    },
  };
}

export type ReminderSettings = { remindAfterEnd: number; maxAge: number; remindEvery: number };

// A freeze left active is reminded about once its incident has been over for a while, or once it is
// older than the configured age; then again every `remindEvery` until someone lifts it.
export function nextFreezeReminder(
  freeze: { startedAt: Date },
  incidentEndedAt: Date | null,
  settings: ReminderSettings,
): Date {
  const aged = freeze.startedAt.getTime() + settings.maxAge;
  const afterEnd = incidentEndedAt ? incidentEndedAt.getTime() + settings.remindAfterEnd : Infinity;
  return new Date(Math.min(aged, afterEnd));
}

// Why the bot asks whether to lift an incident's freeze.
export type FreezePromptTrigger = 'resolved' | 'cancelled' | 'downgraded';
