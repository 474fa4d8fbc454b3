import { STATUSPAGE_PROMPT_ACTION } from './blocks/statuspage-prompt.ts';
import { answerStatuspagePromptAction } from './listeners/actions/answer-statuspage-prompt.ts';
import { App, HTTPReceiver } from '@slack/bolt';
import type { BotContext } from '../context.ts';
import type { Worker } from '../jobs/worker.ts';
import { DECLARE_MODAL_ID, SERVICES_MENU } from './blocks/declare-modal.ts';
import { TIMELINE_NOTE_MODAL_ID } from './blocks/timeline-note-modal.ts';
import { FREEZE_PROMPT_ACTION } from './blocks/freeze-prompt.ts';
import { PROMPT_ACTION } from './blocks/prompt.ts';
import { RESOLVE_PROMPT_ACTION } from './blocks/resolve-prompt.ts';
import { FILE_ITEMS_ACTION } from './blocks/postmortem-summary.ts';
import { CLAIM_ROLE_ACTION, SET_SEVERITY_ACTION } from './blocks/header.ts';
import { webClientOptions } from './errors.ts';
import { answerFreezePromptAction } from './listeners/actions/answer-freeze-prompt.ts';
import { answerPromptAction } from './listeners/actions/answer-prompt.ts';
import { answerResolvePromptAction } from './listeners/actions/answer-resolve-prompt.ts';
import { fileActionItemsAction } from './listeners/actions/file-action-items.ts';
import { claimRole } from './listeners/actions/claim-role.ts';
import { setSeverity } from './listeners/actions/set-severity.ts';
import { incidentCommand } from './listeners/commands/incident.ts';
import { memberJoined } from './listeners/events/member-joined.ts';
import { userChanged } from './listeners/events/user-change.ts';
import { reactionAdded, reactionRemoved } from './listeners/events/reactions.ts';
import { ADD_TO_TIMELINE, addToTimeline } from './listeners/shortcuts/add-to-timeline.ts';
import { CREATE_ACTION_ITEM, createActionItem } from './listeners/shortcuts/create-action-item.ts';
import { dropDuplicateEvents } from './listeners/middleware-events.ts';
import { dropReplayedRequests } from './listeners/middleware-replays.ts';
import { rejectOtherWorkspaces } from './listeners/middleware.ts';
import { addToTimelineNote } from './listeners/views/add-to-timeline-note.ts';
import { declareIncidentSubmission } from './listeners/views/declare-incident.ts';
import { servicesMenuOptions } from './listeners/options/services.ts';
import { guarded } from './listeners/guard.ts';
import { FOLLOW_UP_ACTION } from './blocks/follow-ups.ts';
import { HOME_DECLARE, HOME_WEB_LINK } from './blocks/home.ts';
import { followUpAction } from './listeners/actions/follow-up.ts';
import { homeDeclare, homeWebLink } from './listeners/actions/home-buttons.ts';
import { appHomeOpened } from './listeners/events/app-home-opened.ts';
import { boltLogger } from './logger-adapter.ts';
import { socketModeReceiver } from './socket-mode.ts';

type Receiver = InstanceType<typeof HTTPReceiver>;
// In HTTP mode, Events API deliveries have a receiver of their own that answers only once they are
// recorded, so one that could not be recorded is answered 5xx and Slack delivers it again. Bolt
// acknowledges events before their listeners run, and its option to wait is one per receiver: the
// commands' receiver must keep answering at once.
export type SlackApp = { app: App; receiver: Receiver | null; eventsReceiver: Receiver | null };

// Socket Mode when an app token is configured, otherwise HTTP mode behind our own server.
export function createSlackApp(ctx: BotContext, worker: Worker, teamId: string): SlackApp {
  const { config } = ctx;
  const common = {
    token: config.SLACK_BOT_TOKEN,
    botUserId: ctx.botUserId,
    botId: ctx.botUserId,
    clientOptions: webClientOptions(config.SLACK_API_URL),
    logger: boltLogger(ctx.logger),
  };
  const http = config.slackMode === 'http';
  const httpReceiver = (processBeforeResponse: boolean) =>
    new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      logger: common.logger,
      unhandledRequestTimeoutMillis: 2_900,
      processBeforeResponse,
      // For dropReplayedRequests: the signature names the request.
      customPropertiesExtractor: (request) => ({ requestSignature: request.headers['x-slack-signature'] ?? '' }),
    });
  const receiver = http ? httpReceiver(false) : null;
  const eventsReceiver = http ? httpReceiver(true) : null;
  const app = receiver
    ? new App({ ...common, receiver })
    : new App({
        ...common,
        socketMode: true,
        receiver: socketModeReceiver({
          appToken: config.SLACK_APP_TOKEN!,
          logger: common.logger,
          clientOptions: common.clientOptions,
        }),
      });
  const eventsApp = eventsReceiver ? new App({ ...common, receiver: eventsReceiver }) : app;

  const deps = { ctx, worker };
  for (const a of new Set([app, eventsApp])) {
    a.use(rejectOtherWorkspaces(teamId, ctx.logger));
    a.use(dropDuplicateEvents(ctx.db));
    if (a === app && receiver) a.use(dropReplayedRequests(ctx.db));
    a.error(async (error) => {
      ctx.logger.error({ err: error }, 'unhandled error in a Slack listener');
      // Passed on, so the events receiver answers 5xx and Slack delivers the event again.
      if (a === eventsApp && eventsReceiver) throw error;
    });
  }
  // The manifest names the command /incident, but a workspace may rename it; every command is ours.
  const log = ctx.logger;
  const guard: typeof guarded = (kind, logger, listener) => guarded(kind, logger, listener, ctx.metrics);
  app.command(/^\/.+/, guard('command', log, incidentCommand(deps)));
  app.view(DECLARE_MODAL_ID, guard('view', log, declareIncidentSubmission(deps)));
  app.options({ type: 'block_suggestion', ...SERVICES_MENU }, servicesMenuOptions(deps));
  app.view(TIMELINE_NOTE_MODAL_ID, guard('view', log, addToTimelineNote(deps)));
  app.action(new RegExp(`^${CLAIM_ROLE_ACTION}`), guard('action', log, claimRole(deps)));
  app.action(SET_SEVERITY_ACTION, guard('action', log, setSeverity(deps)));
  app.action(new RegExp(`^${PROMPT_ACTION}`), guard('action', log, answerPromptAction(deps)));
  app.action(new RegExp(`^${FREEZE_PROMPT_ACTION}`), guard('action', log, answerFreezePromptAction(deps)));
  app.action(new RegExp(`^${RESOLVE_PROMPT_ACTION}`), guard('action', log, answerResolvePromptAction(deps)));
  app.action(new RegExp(`^${STATUSPAGE_PROMPT_ACTION}`), guard('action', log, answerStatuspagePromptAction(deps)));
  app.action(FILE_ITEMS_ACTION, guard('action', log, fileActionItemsAction(deps)));
  app.action(new RegExp(`^${FOLLOW_UP_ACTION}`), guard('action', log, followUpAction(deps)));
  app.action(HOME_DECLARE, guard('action', log, homeDeclare(deps)));
  app.action(HOME_WEB_LINK, guard('action', log, homeWebLink(deps)));
  eventsApp.event('member_joined_channel', memberJoined(deps));
  eventsApp.event('reaction_added', reactionAdded(deps));
  eventsApp.event('reaction_removed', reactionRemoved(deps));
  eventsApp.event('user_change', userChanged(deps));
  eventsApp.event('app_home_opened', appHomeOpened(deps));
  app.shortcut(ADD_TO_TIMELINE, guard('shortcut', log, addToTimeline(deps)));
  app.shortcut(CREATE_ACTION_ITEM, guard('shortcut', log, createActionItem(deps)));
  return { app, receiver, eventsReceiver };
}
