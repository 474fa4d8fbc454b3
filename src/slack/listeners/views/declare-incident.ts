import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { recordCommand } from '../../../app/record-command.ts';
import type { DeclareCommand } from '../../../domain/commands/parse.ts';
import { serviceNamesProblem } from '../../../domain/commands/service-names.ts';
import type { ListenerDeps } from '../deps.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const ZValue = z.object({ value: z.string().nullish() }).partial();
const ZState = z.object({
  title: z.object({ value: ZValue }),
  severity: z.object({ value: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) }).optional(),
  services: z
    .object({ value: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }) })
    .optional(),
  summary: z.object({ value: ZValue }).optional(),
  options: z
    .object({ value: z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() }) })
    .optional(),
});
const ZMetadata = z.object({ channelId: z.string() });

// The declare form: validated, recorded, acknowledged (closing the form), then carried out.
export function declareIncidentSubmission(deps: ListenerDeps) {
  return async ({ ack, body, view }: Args) => {
    const state = ZState.safeParse(view.state.values);
    const metadata = ZMetadata.safeParse(JSON.parse(view.private_metadata || '{}'));
    const title = state.success ? (state.data.title.value.value ?? '').trim() : '';
    if (!state.success || !metadata.success || !title) {
      return ack({ response_action: 'errors', errors: { title: 'Give the incident a title.' } });
    }
    const { ctx, worker } = deps;
    const catalog = ctx.config.file.services.map((s) => s.id);
    // The form offered the catalog, or the names in use on a first install.
    const offered = (s: string) => (catalog.length ? catalog.includes(s) : !serviceNamesProblem([s], []));
    const options = new Set((state.data.options?.value.selected_options ?? []).map((o) => o.value));
    const command: DeclareCommand = {
      name: 'declare',
      title,
      severity: state.data.severity?.value.selected_option?.value ?? null,
      services: (state.data.services?.value.selected_options ?? []).map((o) => o.value).filter(offered),
      isPrivate: options.has('private'),
      isDrill: options.has('drill'),
      summary: state.data.summary?.value.value ?? undefined,
    };
    const jobId = await recordCommand(ctx, command, {
      userId: body.user.id,
      channelId: metadata.data.channelId,
      teamId: body.team?.id ?? '',
    });
    await ack();
    await worker.runNow(jobId);
  };
}
