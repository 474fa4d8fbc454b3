// Slack's mrkdwn needs &, < and > escaped in text that came from users.
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
