import { fitItems } from '../text.ts';
import { LIMITS_HELP } from './limits.ts';

// Usage text shown by `/incident help` and after any malformed command.
const TOPICS: Record<string, string> = {
  declare:
    '`/incident declare <title> [--sev SEV2] [--services api,web] [--private] [--drill]`: declare an incident now\n' +
    '`/incident` or `/incident declare`: open the declare form',
  sev: '`/incident sev SEV1 [reason]`: change the severity (recorded as from → to, with why)',
  status: '`/incident status investigating|identified|monitoring|resolved [message]`: move the incident on',
  cancel: '`/incident cancel [reason]`: end a false alarm (kept, but left out of figures)',
  reopen: '`/incident reopen [reason]`: reopen a resolved or cancelled incident',
  update: '`/incident update <text>`: post a status update here and in the announcements channel',
  edit: '`/incident edit title|summary <text>`: change what the incident is called or about',
  services: '`/incident services add|remove api,web`: change the affected services',
  role: '`/incident role commander|comms|scribe @person`: hand a role to someone',
  note: '`/incident note [time] <text>`: add to the timeline, at that time (default now)\n`/incident note edit <n> [time] [text]`: correct entry #n (the old version is kept)',
  mark: '`/incident mark triggered|started|detected|acknowledged|declared|identified|mitigated|resolved [time] [text]`: set a milestone',
  impact:
    '`/incident impact <service> start|end [time] [--env production] [--degraded]`: when a service was down (or degraded)',
  freeze:
    "`/incident freeze [--services api,web] [--env production] [--for 2h] [reason]`: freeze deploys of this incident's (or the named) services\n" +
    '`/incident freeze --global [--services api] [reason]`: a freeze outside any incident (e.g. a release freeze), from any channel\n' +
    '`/incident freeze allow api@abc1234 <why> [--for 1h]`: let that version through the freeze (break-glass); `freeze revoke api@abc1234` ends it',
  unfreeze: '`/incident unfreeze [--services api,web] [--global]`: lift the freeze (of the named services only)',
  action:
    '`/incident action <text> [@owner] [--priority urgent|high|medium|low] [--due 2026-03-31|+7d] [--theme word]`: an action item',
  actions:
    '`/incident actions`: the action items, just for you; `actions mine`: yours across incidents (any channel); `actions done|reopen|remove <n>`; `actions edit <n> [text] [@owner] [--priority p] [--due d] [--theme t]`',
  postmortem:
    '`/incident postmortem [owner @person] [--due date]`: draft the postmortem from the record and post it here\n`/incident postmortem file`: file the action items to Linear\n`/incident postmortem done`: the postmortem is finished (its owner is no longer reminded)',
  statuspage:
    '`/incident statuspage [--title "Public title"] [--status investigating|identified|monitoring|resolved] [--components api=major_outage,web=degraded_performance] [--impact none|minor|major|critical] <message>`: tell customers on the public status page (the first time needs --title; the internal title is never shown)',
  cause:
    '`/incident cause <service>@<version> [--env production]`: record the deploy that triggered this incident (`cause none` clears it)',
  maintenance:
    '`/incident maintenance schedule [--services db,api] --from "2026-12-05 02:00" --to 04:00|+2h --title "Database upgrade" <message>`: planned maintenance on the status page, from any channel (a clock time is its next occurrence)\n' +
    '`/incident maintenance list`; `maintenance update <n> [--status in_progress|verifying|completed] <message>`; `maintenance cancel <n> [message]`',
  subscribers:
    '`/incident subscribers list`: status page subscribers (counts, webhook hosts); `subscribers add-webhook <url> [--components api,db]` (its signing secret is shown once); `subscribers remove <id>`; `subscribers forget <email>` erases an address',
  page: '`/incident page <service or @person> [message]`: page through PagerDuty',
  oncall: '`/incident oncall`: who is on call for the affected services',
  timeline: '`/incident timeline [--all]`: the timeline, just for you',
  list: '`/incident list`: open incidents',
  web: '`/incident web`: a sign-in link to the incidents on the web, just for you; `/incident web logout` signs you out everywhere',
  insights:
    '`/incident insights [30d|90d|2026-01-01..2026-03-31]`: how incidents went over a period (default 30 days), just for you, with a link to the charts',
  help: '`/incident help`: this message',
};

// `services`: the catalog's ids, or on a first install (no catalog) the names in use so far.
export function usageFor(topic?: string, services?: { names: readonly string[]; catalog: boolean }): string {
  if (topic && TOPICS[topic]) return `*Usage*\n${TOPICS[topic]}`;
  return [
    '*Usage*',
    ...Object.values(TOPICS),
    'Commands other than declare, list, maintenance, subscribers and help act on the incident whose channel you run them in.',
    'Anything recorded takes `--at <time>`: 14:21, 14:21:05, 14:21 UTC, 2:21pm, -15m, -2h, yesterday 23:10, or ISO 8601.',
    LIMITS_HELP,
    ...(services ? [servicesHelp(services.names, services.catalog)] : []),
  ].join('\n');
}

// A catalog of any size keeps help one answer: the names beyond this many characters are counted.
const NAMES_MAX = 3_000;
const namesList = (names: readonly string[]) =>
  fitItems(names, NAMES_MAX, ', ', (left) => `and ${left} more (the declare form's service picker finds any by name)`);

function servicesHelp(names: readonly string[], catalog: boolean): string {
  if (catalog) return `Services: ${namesList(names)}.`;
  const inUse = names.length ? ` In use so far: ${namesList(names)}.` : '';
  return `Services: none are configured, so any lowercase name works (\`--services api,checkout\`).${inUse}`;
}
