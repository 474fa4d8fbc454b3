import { askToPublishResolved } from './status-page.ts';
import type { BotContext } from '../../context.ts';
import type { JobHandler } from '../worker.ts';
import { addBookmarks } from './add-bookmarks.ts';
import { announceDeclared } from './announce.ts';
import { captureMessageJob } from './capture-message.ts';
import { catchUp } from './catch-up.ts';
import { askPrompt, escalatePrompt, reaskPrompt, updatePromptMessage } from './prompts.ts';
import { commandJob } from './command.ts';
import { createChannel } from './create-channel.ts';
import { askToLift, freezeExpired, remindAboutFreeze } from './freezes.ts';
import { fileItem, findOwner, syncStates } from './linear.ts';
import { send as sendReminder, sweep as sweepReminders } from './reminders.ts';
import { digest as insightsDigest } from './insights.ts';
import { askToResolve, inviteOnCall, resolvePage, sendPage } from './pagerduty.ts';
import { invite, post } from './post.ts';
import { prune } from './housekeeping.ts';
import { suspects } from './changes.ts';
import { confirmMail, deliver, fanOutNotice } from './subscribers.ts';
import { maintenanceNotice, maintenanceStep } from './maintenance.ts';
import { postPostmortem } from './postmortem.ts';
import { postHeader, updateHeader } from './post-header.ts';
import { reply } from './reply.ts';
import { setupChannel } from './setup-channel.ts';

export function jobHandlers(ctx: BotContext): Record<string, JobHandler> {
  const bind =
    (
      handler: (
        ctx: BotContext,
        job: Parameters<JobHandler>[0],
        tools: Parameters<JobHandler>[1],
      ) => ReturnType<JobHandler>,
    ): JobHandler =>
    (job, tools) =>
      handler(ctx, job, tools);
  return {
    command: bind(commandJob),
    'slack.create_channel': bind(createChannel),
    'slack.setup_channel': bind(setupChannel),
    'slack.post_header': bind(postHeader),
    'slack.update_header': bind(updateHeader),
    'slack.announce_declared': bind(announceDeclared),
    'slack.reply': bind(reply),
    'slack.post': bind(post),
    'slack.invite': bind(invite),
    'slack.catch_up': bind(catchUp),
    'slack.add_bookmarks': bind(addBookmarks),
    'timeline.capture_message': bind(captureMessageJob),
    'prompt.ask': bind(askPrompt),
    'prompt.severity_cadence': bind(askPrompt),
    'prompt.nudge_cadence': bind(askPrompt),
    'prompt.reask': bind(reaskPrompt),
    'prompt.escalate': bind(escalatePrompt),
    'prompt.update_message': bind(updatePromptMessage),
    'freeze.ask_lift': bind(askToLift),
    'freeze.remind': bind(remindAboutFreeze),
    'freeze.expired': bind(freezeExpired),
    'linear.file_item': bind(fileItem),
    'linear.sync_states': bind(syncStates),
    'linear.find_owner': bind(findOwner),
    'reminders.sweep': bind(sweepReminders),
    'reminders.send': bind(sendReminder),
    'insights.digest': bind(insightsDigest),
    'postmortem.post': bind(postPostmortem),
    'pagerduty.page': bind(sendPage),
    'pagerduty.resolve': bind(resolvePage),
    'pagerduty.invite_oncall': bind(inviteOnCall),
    'pagerduty.ask_resolve': bind(askToResolve),
    'statuspage.ask_resolve': bind(askToPublishResolved),
    'maintenance.step': bind(maintenanceStep),
    'maintenance.notice': bind(maintenanceNotice),
    'housekeeping.prune': bind(prune),
    'changes.suspects': bind(suspects),
    'subscribers.fan_out': bind(fanOutNotice),
    'subscribers.deliver': bind(deliver),
    'subscribers.confirm_mail': bind(confirmMail),
  };
}
