// What real Slack refuses (or silently cuts), so that a test crossing a limit fails here instead of
// in a team's workspace. SPEC.md "Slack's limits" is the contract; each figure is Slack's own:
// - Blocks: https://docs.slack.dev/reference/block-kit/blocks (50 a message, 100 a modal or Home tab);
//   section: text 3,000, at most 10 fields of 2,000 (.../blocks/section-block); header: 150
//   (.../blocks/header-block); context: at most 10 elements (.../blocks/context-block); actions: at
//   most 25 elements (.../blocks/actions-block); input: label 2,000, hint 2,000 (.../blocks/input-block).
// - Elements: button text 75, value 2,000 (.../block-elements/button-element); select menus at most
//   100 options or option groups, placeholder 150 (.../block-elements/select-menu-element);
//   option text 75, value 150 (.../composition-objects/option-object); option group label 75
//   (.../composition-objects/option-group-object); checkboxes at most 10 options.
// - Views: title, submit and close 24, private_metadata 3,000, callback_id 255
//   (https://docs.slack.dev/reference/views/modal-views); Slack answers `invalid_arguments`.
// - Messages: text over 40,000 characters is refused with `msg_too_long` by chat.postMessage and
//   chat.update (https://docs.slack.dev/reference/methods/chat.postMessage) and cut silently where
//   Slack cannot refuse (an acknowledgement, a response_url post:
//   https://api.slack.com/changelog/2018-04-truncating-really-long-messages); more than about
//   12,000 characters of text across one message's blocks is refused with the undocumented
//   `msg_blocks_too_long` (seen from 13,172 with several blocks: github.com/slackapi/bolt-js/issues/2509;
//   SPEC.md takes 12,000 as the bound).
// - Channels: names 80 (`invalid_name_maxlength`), topic and purpose 250 (`too_long`)
//   (https://docs.slack.dev/reference/methods/conversations.create, .setTopic, .setPurpose).
// Lengths are JavaScript string lengths (UTF-16 code units): never shorter than Slack's count of
// characters, so the fake is at least as strict.

export const MESSAGE_TEXT_MAX = 40_000;
export const MESSAGE_BLOCKS_TEXT_MAX = 12_000;
export const CHANNEL_NAME_MAX = 80;
export const TOPIC_MAX = 250;

type Json = Record<string, unknown>;

const textOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null ? ((value as Json).text as string | undefined) : undefined;

// Everything wrong with one block, as a list of reasons (empty when Slack accepts it).
function blockProblems(block: Json, where: string): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max)
      problems.push(`${where} ${what}: ${text.length} characters (at most ${max})`);
  };
  const tooMany = (what: string, list: unknown, max: number) => {
    if (Array.isArray(list) && list.length > max) problems.push(`${where} ${what}: ${list.length} (at most ${max})`);
  };
  switch (block.type) {
    case 'section':
      over('text', textOf(block.text), 3_000);
      tooMany('fields', block.fields, 10);
      for (const field of (block.fields as unknown[] | undefined) ?? []) over('field', textOf(field), 2_000);
      if (block.text === undefined && block.fields === undefined)
        problems.push(`${where}: a section needs text or fields`);
      if (block.accessory) problems.push(...elementProblems(block.accessory as Json, `${where} accessory`));
      break;
    case 'header':
      over('text', textOf(block.text), 150);
      break;
    case 'context':
      tooMany('elements', block.elements, 10);
      for (const element of (block.elements as Json[] | undefined) ?? []) over('element', textOf(element), 2_000);
      break;
    case 'actions':
      tooMany('elements', block.elements, 25);
      for (const element of (block.elements as Json[] | undefined) ?? [])
        problems.push(...elementProblems(element, where));
      break;
    case 'input':
      over('label', textOf(block.label), 2_000);
      over('hint', textOf(block.hint), 2_000);
      if (block.element) problems.push(...elementProblems(block.element as Json, where));
      break;
    case 'divider':
    case 'image':
    case 'rich_text':
    case 'file':
    case 'markdown':
      break;
    default:
      problems.push(`${where}: unknown block type ${String(block.type)}`);
  }
  if (typeof block.block_id === 'string' && block.block_id.length > 255) problems.push(`${where} block_id over 255`);
  return problems;
}

function optionProblems(option: Json, where: string): string[] {
  const problems: string[] = [];
  const text = textOf(option.text) ?? '';
  if (text.length > 75) problems.push(`${where} option text: ${text.length} characters (at most 75)`);
  const value = String(option.value ?? '');
  if (value.length > 150) problems.push(`${where} option value: ${value.length} characters (at most 150)`);
  return problems;
}

function elementProblems(element: Json, where: string): string[] {
  const problems: string[] = [];
  const placeholder = textOf(element.placeholder);
  if (placeholder && placeholder.length > 150) problems.push(`${where} placeholder over 150`);
  if (typeof element.action_id === 'string' && element.action_id.length > 255)
    problems.push(`${where} action_id over 255`);
  switch (element.type) {
    case 'button': {
      const text = textOf(element.text) ?? '';
      if (text.length > 75) problems.push(`${where} button text: ${text.length} characters (at most 75)`);
      if (String(element.value ?? '').length > 2_000) problems.push(`${where} button value over 2,000`);
      break;
    }
    case 'static_select':
    case 'multi_static_select':
    case 'checkboxes':
    case 'radio_buttons':
    case 'overflow': {
      const max = { checkboxes: 10, radio_buttons: 10, overflow: 5 }[element.type as string] ?? 100;
      const options = (element.options as Json[] | undefined) ?? [];
      const groups = (element.option_groups as Json[] | undefined) ?? [];
      if (options.length > max) problems.push(`${where} ${element.type}: ${options.length} options (at most ${max})`);
      if (groups.length > 100) problems.push(`${where} ${element.type}: ${groups.length} option groups (at most 100)`);
      if (!options.length && !groups.length) problems.push(`${where} ${element.type}: no options`);
      for (const group of groups) {
        if ((textOf(group.label) ?? '').length > 75) problems.push(`${where} option group label over 75`);
        const inGroup = (group.options as Json[] | undefined) ?? [];
        if (inGroup.length > 100) problems.push(`${where} option group: ${inGroup.length} options (at most 100)`);
        for (const option of inGroup) problems.push(...optionProblems(option, where));
      }
      const chosen = [element.initial_option, ...((element.initial_options as unknown[]) ?? [])].filter(Boolean);
      for (const option of [...options, ...(chosen as Json[])]) problems.push(...optionProblems(option, where));
      break;
    }
    case 'multi_external_select':
    case 'external_select': {
      const chosen = [element.initial_option, ...((element.initial_options as unknown[]) ?? [])].filter(Boolean);
      for (const option of chosen as Json[]) problems.push(...optionProblems(option, where));
      break;
    }
    case 'plain_text_input':
      if (typeof element.initial_value === 'string' && element.initial_value.length > 3_000)
        problems.push(`${where} initial_value over 3,000`);
      break;
    default:
      break;
  }
  return problems;
}

// All the text in a message's blocks, for Slack's undocumented bound across them.
function blocksTextLength(value: unknown): number {
  if (typeof value === 'string') return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + blocksTextLength(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Json;
  let sum = 0;
  if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string')
    sum += record.text.length;
  for (const [key, child] of Object.entries(record))
    if (key !== 'text' || typeof child !== 'string') sum += blocksTextLength(child);
  return sum;
}

export type Surface = 'message' | 'modal';

// The blocks' problems, with the error code Slack answers (empty list: accepted).
export function blocksProblems(blocks: unknown, surface: Surface): { code: string; problems: string[] } {
  if (!Array.isArray(blocks)) return { code: 'invalid_blocks', problems: ['blocks is not an array'] };
  const max = surface === 'message' ? 50 : 100;
  const problems: string[] = [];
  if (blocks.length > max) problems.push(`${blocks.length} blocks (at most ${max})`);
  blocks.forEach((block, i) => {
    if (typeof block !== 'object' || block === null || typeof (block as Json).type !== 'string') {
      problems.push(`block ${i}: not a block`);
    } else problems.push(...blockProblems(block as Json, `block ${i} (${(block as Json).type})`));
  });
  if (problems.length) return { code: 'invalid_blocks', problems };
  if (surface === 'message') {
    const total = blocksTextLength(blocks);
    if (total > MESSAGE_BLOCKS_TEXT_MAX) {
      return { code: 'msg_blocks_too_long', problems: [`${total} characters of text across the blocks`] };
    }
  }
  return { code: '', problems: [] };
}

export function viewProblems(view: Json): string[] {
  const problems: string[] = [];
  for (const key of ['title', 'submit', 'close'] as const) {
    const text = textOf(view[key]);
    if (text !== undefined && text.length > 24) problems.push(`view ${key}: ${text.length} characters (at most 24)`);
  }
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3_000)
    problems.push(`private_metadata: ${view.private_metadata.length} characters (at most 3,000)`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255) problems.push('callback_id over 255');
  const blocks = blocksProblems(view.blocks ?? [], 'modal');
  return [...problems, ...blocks.problems];
}

// What the bot answered where Slack does not return an error to it (an acknowledgement, a
// response_url post) but cuts the text or drops the blocks: kept here, and the test that caused it
// fails (tests/support/slack-limits.setup.ts).
export const badReplies: string[] = [];

export function checkReply(where: string, body: unknown) {
  checkCharacters(where, body);
  if (typeof body !== 'object' || body === null) return;
  const reply = body as Json;
  if (typeof reply.text === 'string' && reply.text.length > MESSAGE_TEXT_MAX) {
    badReplies.push(`${where}: text of ${reply.text.length} characters (Slack cuts at ${MESSAGE_TEXT_MAX})`);
  }
  if (reply.blocks !== undefined) {
    const { problems } = blocksProblems(reply.blocks, 'message');
    for (const problem of problems) badReplies.push(`${where}: ${problem}`);
  }
  if (typeof reply.view === 'object' && reply.view !== null) {
    for (const problem of viewProblems(reply.view as Json)) badReplies.push(`${where}: ${problem}`);
  }
  // A menu's options loaded from the app (block_suggestion): at most 100, each a valid option
  // (https://docs.slack.dev/reference/block-kit/block-elements/multi-select-menus-element#external_multi_select).
  if (Array.isArray(reply.options)) {
    if (reply.options.length > 100) badReplies.push(`${where}: ${reply.options.length} options (at most 100)`);
    for (const option of reply.options as Json[]) {
      for (const problem of optionProblems(option, 'option')) badReplies.push(`${where}: ${problem}`);
    }
  }
}

// A lone UTF-16 surrogate (an emoji cut in half) reaches Slack as a replacement character or
// breaks the JSON: what the bot sends never holds one.
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkCharacters(where: string, value: unknown) {
  const visit = (v: unknown): boolean => {
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) return true;
      if (/^\s*[[{]/.test(v)) {
        try {
          return visit(JSON.parse(v));
        } catch {
          return false;
        }
      }
      return false;
    }
    if (Array.isArray(v)) return v.some(visit);
    if (typeof v === 'object' && v !== null) return Object.values(v).some(visit);
    return false;
  };
  if (visit(value)) badReplies.push(`${where}: text with half a character (a lone surrogate)`);
}
