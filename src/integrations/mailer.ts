// Email through SMTP (SMTP_URL, MAIL_FROM) with nodemailer. A refusal of the address itself (5xx)
// is permanent; anything else (a timeout, a 4xx, the server down) is worth another try.
import nodemailer from 'nodemailer';
import { ServiceFailure } from './errors.ts';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  // Stable per message and recipient: a retry after an unclear failure is recognisable.
  messageId: string;
  headers?: Record<string, string>;
};

export type Mailer = { send(mail: Mail): Promise<void> };

const TIMEOUT_MS = 15_000;

export function smtpMailer(url: string, from: string): Mailer {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: mail.headers,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // Never the address in what is kept of the failure.
        if (code && code >= 500 && code < 600) throw new ServiceFailure(`the mail server refused it (${code})`, false);
        throw new ServiceFailure(`the mail server did not take it (${code ?? (error as Error).name})`);
      }
    },
  };
}
