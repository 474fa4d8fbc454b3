// The web view's frame: the status page's look, a little more for tables and forms. No scripts;
// the Content-Security-Policy allows none, and only this stylesheet by its hash.
import { createHash } from 'node:crypto';
import { html } from 'hono/html';
import { STATUS_CSS } from '../status/style.ts';

import { type Html, htmlDocument } from '../document.ts';

export type { Html };

const WEB_CSS = `${STATUS_CSS}
header nav{display:flex;gap:16px;align-items:baseline;flex-wrap:wrap}header nav a{font-size:.95rem}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:0 0 16px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{color:var(--muted);font-weight:600}td.t{white-space:nowrap}.wrap{overflow-x:auto}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.75rem;font-weight:600;background:#eef1f4;color:var(--fg);margin-left:4px}
.badge-drill{background:#fff8c5}.badge-private{background:#ffebe9}.badge-open{background:#dafbe1}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0 0 24px}.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere;min-width:0}
form.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:0 0 16px}form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
form.filters input,form.filters select{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:4px}
.chart{overflow-x:auto;margin:0 0 8px}.chart svg{max-width:100%;height:auto}
.pager{display:flex;gap:16px}.markdown h1{font-size:1.5rem}.markdown h2{font-size:1.2rem;margin-top:28px}.markdown pre{background:#f6f8fa;padding:8px;overflow-x:auto}
`;

export const WEB_CSS_HASH = `sha256-${createHash('sha256').update(WEB_CSS).digest('base64')}`;

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': `default-src 'none'; script-src 'none'; style-src '${WEB_CSS_HASH}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function webPage(title: string, body: Html | string, signedIn: boolean): string {
  return htmlDocument({
    title,
    css: WEB_CSS,
    header: html`<nav><h1><a class="home" href="/incidents">Incidents</a></h1>${signedIn ? html`<a href="/incidents?status=open">Open</a><a href="/incidents?drills=only">Drills</a><a href="/changes">Changes</a><a href="/insights">Insights</a>` : ''}</nav>`,
    body,
  });
}

export const signInPage = () =>
  webPage(
    'Sign in',
    html`<h2>Sign in from Slack</h2><p>Run <code>/incident web</code> in Slack and open the link it sends you. The link works once, within 15 minutes.</p>`,
    false,
  );

// What a sign-in link opens: signing in takes a press of the button (a POST from this page).
export const signInButtonPage = (action: string) =>
  webPage(
    'Sign in',
    html`<h2>Sign in to the incidents</h2><form method="post" action="${action}"><button type="submit">Sign in</button></form><p class="muted">The link works once, within 15 minutes of <code>/incident web</code>.</p>`,
    false,
  );

export const linkGonePage = () =>
  webPage(
    'Link used or expired',
    html`<h2>This sign-in link was already used or has expired</h2><p>Run <code>/incident web</code> in Slack for a new one.</p>`,
    false,
  );

export const notFoundPage = () =>
  webPage('Not found', html`<h2>Not found</h2><p><a href="/incidents">All incidents</a></p>`, true);
