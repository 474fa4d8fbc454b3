// Slack's words for scheduled maintenance: announcements at each step, the answer to the person
// who acted, and `/incident maintenance list`.
import type { MaintenanceListItem } from '../../app/list-maintenances.ts';
import type { MaintenanceNotice } from '../../domain/events.ts';
import { MAINTENANCE_LABEL, type MaintenanceStatus } from '../../domain/status-page/maintenance.ts';
import { escapeText } from '../../domain/text.ts';
import { fitItems } from '../../domain/text.ts';
import { ANSWER_MAX, slackDate } from '../blocks/format.ts';

const window = (from: Date, until: Date) => `${slackDate(from)} to ${slackDate(until)}`;
const servicesOf = (services: string[]) => (services.length ? ` (${services.join(', ')})` : '');
const statusPage = (url: string | null) => (url ? ` <${url}/status|Status page>` : '');

function headline(n: MaintenanceNotice): string {
  const name = `Maintenance ${n.number} “${escapeText(n.title)}”${servicesOf(n.services)}`;
  const when = window(new Date(n.scheduledFor), new Date(n.scheduledUntil));
  const by = n.actorId ? ` by <@${n.actorId}>` : '';
  switch (n.step) {
    case 'scheduled':
      return `:calendar: ${name} scheduled${by}: ${when}.`;
    case 'reminder':
      return `:hourglass_flowing_sand: ${name} starts in an hour: ${when}.`;
    case 'started':
      return `:construction: ${name} is in progress${by}, until ${slackDate(new Date(n.scheduledUntil))}.`;
    case 'completed':
      return `:white_check_mark: ${name} is completed${by}.`;
    case 'cancelled':
      return `:no_entry_sign: ${name} is cancelled${by}; it is off the status page.`;
    case 'updated':
      return `:memo: ${name}: ${MAINTENANCE_LABEL[n.status as MaintenanceStatus].toLowerCase()}${by}.`;
  }
}

export function maintenanceNoticeText(notice: MaintenanceNotice, url: string | null): string {
  const body = notice.body ? `\n>${escapeText(notice.body).replaceAll('\n', '\n>')}` : '';
  return `${headline(notice)}${body}${statusPage(url)}`;
}

export function maintenanceDoneText(notice: MaintenanceNotice, url: string | null): string {
  const next =
    notice.step === 'scheduled'
      ? `\nIt goes in progress at its start and completes at its end by itself; \`/incident maintenance update ${notice.number} --status …\` or \`cancel ${notice.number}\` to change that.`
      : '';
  return `${headline({ ...notice, actorId: null })}${next}${statusPage(url)}`;
}

export function maintenanceListText(items: MaintenanceListItem[], url: string | null): string {
  if (!items.length) return 'No maintenance is scheduled. `/incident maintenance schedule …` plans one.';
  const lines = items.map(
    (m) =>
      `• *${m.number}* ${escapeText(m.title)}${servicesOf(m.services)}: ${MAINTENANCE_LABEL[m.status].toLowerCase()}, ${window(m.scheduledFor, m.scheduledUntil)}`,
  );
  const list = fitItems(lines, ANSWER_MAX - 200, '\n', (left) => `…and ${left} more on the status page`);
  return `*Maintenance*\n${list}${statusPage(url)}`;
}
