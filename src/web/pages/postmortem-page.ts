import { html, raw } from 'hono/html';
import MarkdownIt from 'markdown-it';
import { incidentRef } from '../../domain/incident.ts';
import { webPage } from './layout.ts';

// The Markdown draft stays the source of truth; this is only its HTML. Raw HTML in it is shown as
// text, and only http(s) links (and in-page anchors) become links.
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.validateLink = (url: string) => /^(https?:\/\/|#)/i.test(url.trim());

export function markdownToHtml(text: string): string {
  return markdown.render(text);
}

export function postmortemPage(number: number, title: string, draft: string): string {
  return webPage(
    `${incidentRef(number)} postmortem`,
    html`<p><a href="/incidents/${number}">← ${incidentRef(number)}: ${title}</a> · <a href="/incidents/${number}/postmortem.md">Markdown</a></p>
<article class="markdown">${raw(markdownToHtml(draft))}</article>`,
    true,
  );
}
