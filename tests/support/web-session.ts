import type { TestBot } from './test-bot.ts';

// A web view session for a Slack user, as a person gets one: `/incident web`, then the button on
// the page its link opens (a POST from the bot's own origin). The cookie to send.
export async function webSession(t: TestBot, user = 'U0ALICE01'): Promise<string> {
  const { ack } = await t.driver.command('web', { user });
  const url = /<(http[^|>]+\/login\/[A-Za-z0-9_-]+)\|/.exec(String(ack.json?.text ?? ''))?.[1];
  if (!url) throw new Error(`no sign-in link in: ${String(ack.json?.text)}`);
  const response = await fetch(`${t.bot.url}${new URL(url).pathname}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: `http://localhost:${t.bot.port}` },
  });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}
