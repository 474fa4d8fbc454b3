import { shortPublishResolvedQuestion } from '../blocks/statuspage-prompt.ts';
import type { PromptQuestion, ReplyEvent } from '../../domain/events.ts';
import { incidentRef } from '../../domain/incident.ts';
import { slackDate } from '../blocks/format.ts';
import { shortLiftQuestion } from '../blocks/freeze-prompt.ts';
import { severityQuestion } from '../blocks/prompt.ts';
import { resolveQuestion } from '../blocks/resolve-prompt.ts';
import { maintenanceDoneText } from './maintenance.ts';
import { cutText, escapeText } from '../../domain/text.ts';

// Slack's words for what is told privately to the person who ran a command.
export function replyText(event: ReplyEvent): string {
  switch (event.type) {
    case 'note_added': {
      const when = event.backdated ? ` at ${slackDate(new Date(event.at))} (backdated)` : '';
      return `Added to the timeline as #${event.seq}${when}.`;
    }
    case 'entry_corrected':
      return `Entry #${event.seq} corrected; the previous version is kept.`;
    case 'incident_opened':
      return `${incidentRef(event.number)} is open: <#${event.channelId}>`;
    case 'maintenance_done':
      return maintenanceDoneText(event.notice, event.url);
    case 'follow_up_done':
      return `Marked ${incidentRef(event.number)} action item #${event.seq} done: ${escapeText(cutText(event.text, 200))}`;
    case 'follow_up_snoozed':
      return `Snoozed ${incidentRef(event.number)} action item #${event.seq} through ${event.until}: no reminder of it until then.`;
  }
}

// The question an answered prompt asked, shown again above its answer.
export function questionText(question: PromptQuestion): string {
  const ref = incidentRef(question.number);
  switch (question.kind) {
    case 'severity':
      return severityQuestion(ref, question.level);
    case 'freeze':
      return shortLiftQuestion(ref);
    case 'resolve':
      return resolveQuestion(ref);
    case 'statuspage':
      return shortPublishResolvedQuestion(ref);
  }
}
