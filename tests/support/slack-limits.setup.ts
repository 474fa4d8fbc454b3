// Setup file of every project (vitest.config.ts): a test fails when the bot answered Slack with
// something Slack would have cut or dropped without telling it (tests/fakes/slack-limits.ts).
import { afterEach } from 'vitest';
import { badReplies } from '../fakes/slack-limits.ts';

afterEach(() => {
  const found = badReplies.splice(0);
  if (found.length) throw new Error(`Slack would not show what the bot answered:\n${found.join('\n')}`);
});
