// The baseline of the acknowledgement bench: a Bolt app that acknowledges any command and does
// nothing else, in its own plain node process as the bot runs under `npm start`.
import bolt from '@slack/bolt';

const { App, HTTPReceiver } = bolt;
const receiver = new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET });
const app = new App({
  receiver,
  token: process.env.SLACK_BOT_TOKEN,
  botId: process.env.BOT_ID,
  botUserId: process.env.BOT_USER_ID,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command(/.*/, async ({ ack }) => ack());
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.send?.('ready');
