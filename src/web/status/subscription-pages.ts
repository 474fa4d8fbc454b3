// The subscribe form on /status and the pages its links open (SPEC.md "Subscribers"): confirming
// and unsubscribing are POSTs from these pages, since mail scanners open every link they see.
// No address is ever shown.
import { html } from 'hono/html';
import type { ComponentView } from '../../domain/status-page/model.ts';
import { type Html, htmlDocument } from '../document.ts';
import { STATUS_CSS } from './style.ts';

export function subscribeForm(components: ComponentView[]): Html {
  return html`<section class="subscribe"><h2>Get updates by email</h2>
<form method="post" action="/status/subscribe">
<label>Email address <input type="email" name="email" required maxlength="254" autocomplete="email"></label>
${
  components.length
    ? html`<fieldset><legend>Only about (none: everything)</legend>${components.map(
        (c) =>
          html`<label class="choice"><input type="checkbox" name="components" value="${c.service}"> ${c.name}</label>`,
      )}</fieldset>`
    : ''
}
<button type="submit">Subscribe</button>
</form>
<p class="muted">We send a confirmation first; nothing else until you confirm.</p>
</section>`;
}

function page(pageTitle: string, heading: string, body: Html): string {
  return htmlDocument({
    title: `${heading} · ${pageTitle}`,
    css: STATUS_CSS,
    header: html`<h1><a class="home" href="/status">${pageTitle}</a></h1>`,
    body: html`<section><h2>${heading}</h2>${body}</section><p><a href="/status">← Current status</a></p>`,
  });
}

export const subscribedPage = (pageTitle: string) =>
  page(
    pageTitle,
    'Check your inbox',
    html`<p>If that address can receive mail, a confirmation is on its way. Open its link to start getting updates.</p>`,
  );

export const subscribeProblemPage = (pageTitle: string, problem: string) =>
  page(pageTitle, 'Not subscribed', html`<p>${problem}</p>`);

export const tooManyPage = (pageTitle: string) =>
  page(pageTitle, 'Too many requests', html`<p>Please try again in an hour.</p>`);

export const confirmPage = (pageTitle: string, action: string) =>
  page(
    pageTitle,
    'Confirm your subscription',
    html`<form method="post" action="${action}"><button type="submit">Yes, send me updates</button></form>`,
  );

export const confirmedPage = (pageTitle: string) =>
  page(
    pageTitle,
    'Subscribed',
    html`<p>You will be told of incidents and maintenance. Every mail has a link to unsubscribe.</p>`,
  );

export const unsubscribePage = (pageTitle: string, action: string) =>
  page(
    pageTitle,
    'Unsubscribe',
    html`<form method="post" action="${action}"><button type="submit">Unsubscribe me</button></form>`,
  );

export const unsubscribedPage = (pageTitle: string) =>
  page(pageTitle, 'Unsubscribed', html`<p>Your address is deleted; nothing more will be sent to it.</p>`);

export const linkGonePage = (pageTitle: string) =>
  page(pageTitle, 'This link is no longer valid', html`<p>The subscription it was for does not exist any more.</p>`);
