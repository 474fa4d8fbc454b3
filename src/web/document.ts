import { html, raw } from 'hono/html';

export type Html = ReturnType<typeof html>;

// The HTML document around every page (status page and web view): phone-sized viewport, no
// favicon request, the page's own stylesheet inline (each page's CSP allows it by its hash).
// `head` goes after the title; each of its lines ends with a newline.
export function htmlDocument(d: {
  title: string;
  css: string;
  head?: Html;
  header: Html;
  body: Html | string;
  footer?: Html;
}): string {
  return String(html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${d.title}</title>
${d.head ?? ''}<style>${raw(d.css)}</style>
</head>
<body>
<header>${d.header}</header>
<main>
${d.body}
</main>
${d.footer ? html`<footer>${d.footer}</footer>\n` : ''}</body>
</html>
`);
}
