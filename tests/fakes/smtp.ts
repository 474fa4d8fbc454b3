// A real SMTP server in the test's process (the smtp-server package): it accepts what the bot
// sends and keeps each message parsed (mailparser), headers and all.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { to: string[]; mail: ParsedMail; raw: string };

export class FakeSmtp {
  readonly received: ReceivedMail[] = [];
  // While set, every message is refused with this SMTP reply code.
  refuseWith: number | null = null;
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (this.refuseWith) {
          const error = Object.assign(new Error('refused by the test'), { responseCode: this.refuseWith });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(raw), raw });
        callback();
      });
    },
  });
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
