// What a Slack message becomes before customers read it: mentions of people, channels and groups
// are internal and removed; links keep their label and address; Slack's entity escaping is undone.
// The result is plain text; whatever renders it escapes it.
export function publicText(slackText: string): string {
  return slackText
    .replace(/<([^<>]*)>/g, (_, inner: string) => {
      const [target, label] = splitOnce(inner, '|');
      if (/^[@#!]/.test(target)) return '';
      if (/^(https?|mailto):/i.test(target)) return label && label !== target ? `${label} (${target})` : target;
      return label ?? '';
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])/g, '$1')
    .trim();
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
