import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listOpenIncidents } from '../../../app/list-open-incidents.ts';
import { recordCommand } from '../../../app/record-command.ts';
import { serviceNamesInUse, servicesOffered } from '../../../app/service-names.ts';
import { parseCommand } from '../../../domain/commands/parse.ts';
import { usageFor } from '../../../domain/commands/usage.ts';
import type { ListenerDeps } from '../deps.ts';
import { showTimeline } from './timeline-view.ts';
import { commandContext } from '../../command-context.ts';
import { declareModal } from '../../blocks/declare-modal.ts';
import { incidentListText } from '../../blocks/incident-list.ts';
import { actionItemsText } from '../../blocks/action-items.ts';
import { onCallText } from '../../blocks/oncall.ts';
import { readOnCall } from '../../../app/read-oncall.ts';
import { isAppError } from '../../../domain/errors.ts';
import { storableText } from '../../../domain/text.ts';
import { incidentWithItems } from '../../../app/list-action-items.ts';
import { NOT_AN_INCIDENT_CHANNEL } from '../../../app/incident-in-channel.ts';
import { endWebSessions, issueWebLogin } from '../../../app/web-sessions.ts';
import { signedOutText, signInText } from '../../messages/web.ts';
import { listMaintenances } from '../../../app/list-maintenances.ts';
import { maintenanceListText } from '../../messages/maintenance.ts';
import { answerSubscribers } from './subscribers.ts';
import { myFollowUps } from '../../../app/follow-ups.ts';
import { readInsights } from '../../../app/read-insights.ts';
import { parsePeriodWords } from '../../../domain/insights/period.ts';
import { insightsQueryString } from '../../../domain/insights/query.ts';
import { insightsSummaryText } from '../../messages/insights.ts';
import { myActionsAnswer } from '../../blocks/follow-ups.ts';
import type { SubscribersCommand } from '../../../domain/commands/subscribers-command.ts';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

// `/incident ...`: parse, and either answer at once (help, list, bad input) or record the command,
// acknowledge, and carry it out.
export function incidentCommand(deps: ListenerDeps) {
  return async ({ command, ack, client, respond }: Args) => {
    const { ctx, worker } = deps;
    const parsed = parseCommand(storableText(command.text ?? ''), commandContext(ctx.config));
    if (!parsed.ok) return ack({ response_type: 'ephemeral', text: parsed.message });
    const c = parsed.command;
    if (c.name === 'help') {
      const names = await serviceNamesInUse(ctx.db, ctx.config);
      const catalog = ctx.config.file.services.length > 0;
      return ack({ response_type: 'ephemeral', text: usageFor(undefined, { names, catalog }) });
    }
    if (c.name === 'list') {
      const incidents = await listOpenIncidents(ctx.db, command.user_id);
      const listUrl = `${ctx.publicUrl()}/incidents?status=open`;
      return ack({ response_type: 'ephemeral', text: incidentListText(incidents, ctx.clock.now(), listUrl) });
    }
    if (c.name.startsWith('subscribers_')) {
      await ack();
      return answerSubscribers(ctx, respond, command.user_id, c as SubscribersCommand);
    }
    if (c.name === 'maintenance_list') {
      const items = await listMaintenances(ctx.db, ctx.clock);
      return ack({
        response_type: 'ephemeral',
        text: maintenanceListText(items, ctx.config.file.status_page?.url ?? null),
      });
    }
    if (c.name === 'web') {
      const user = { userId: command.user_id, teamId: command.team_id };
      const text = await (c.logout
        ? endWebSessions(ctx.db, ctx.clock.now(), user).then(signedOutText)
        : issueWebLogin(ctx, user).then(({ url }) => signInText(url))
      ).catch((error) => {
        if (isAppError(error)) return error.message;
        throw error;
      });
      return ack({ response_type: 'ephemeral', text });
    }
    if (c.name === 'timeline') {
      await ack();
      return showTimeline(ctx, client, respond, { channelId: command.channel_id, userId: command.user_id, all: c.all });
    }
    if (c.name === 'oncall') {
      await ack();
      const answer = await readOnCall(ctx, command.channel_id).then(onCallText, (error) =>
        isAppError(error) ? error.message : 'Sorry, I could not ask PagerDuty just now.',
      );
      return void (await respond({ response_type: 'ephemeral', text: answer }));
    }
    if (c.name === 'actions') {
      const found = await incidentWithItems(ctx, command.channel_id);
      return ack({
        response_type: 'ephemeral',
        text: found
          ? actionItemsText(found.number, found.actionItems, `${ctx.publicUrl()}/incidents/${found.number}`)
          : NOT_AN_INCIDENT_CHANNEL,
      });
    }
    if (c.name === 'insights') {
      await ack();
      const period = parsePeriodWords(c.period, ctx.clock.now());
      if ('problem' in period) return void (await respond({ response_type: 'ephemeral', text: period.problem }));
      const insights = await readInsights(ctx, period, { severity: null, service: null }, command.user_id);
      const query = insightsQueryString({ period, filters: insights.filters });
      const text = insightsSummaryText(insights, 'Insights', `${ctx.publicUrl()}/insights${query}`);
      return void (await respond({ response_type: 'ephemeral', text }));
    }
    if (c.name === 'actions_mine') {
      await ack();
      const mine = await myFollowUps(ctx, command.user_id);
      return void (await respond({ response_type: 'ephemeral', ...myActionsAnswer(mine, ctx.publicUrl()) }));
    }
    if (c.name === 'declare' && !c.title) {
      await ack();
      const metadata = JSON.stringify({ channelId: command.channel_id });
      await client.views.open({
        trigger_id: command.trigger_id,
        view: declareModal(ctx.config.file.severities, await servicesOffered(ctx.db, ctx.config), metadata),
      });
      return;
    }
    const jobId = await recordCommand(
      ctx,
      c,
      {
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id,
        responseUrl: command.response_url,
      },
      parsed.at,
    );
    // Declaring takes a moment, so say so; everything else answers in the room within milliseconds.
    await (c.name === 'declare'
      ? ack({ response_type: 'ephemeral', text: `Declaring "${c.title}"… the channel link follows in a moment.` })
      : ack());
    await worker.runNow(jobId);
  };
}
