/**
 * A local SMTP server for tests (smtp-server, the Nodemailer project's): listens on a free port of 127.0.0.1, keeps
 * every mail it accepts (parsed with mailparser), and can be told to refuse mail (`refuse = true`: a 451 temporary
 * failure to every message, as a server in trouble answers) or be stopped and started again on the same port.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface SmtpSink {
  readonly port: number;
  readonly mails: ParsedMail[];
  /** Refuse every message with 451 while true. */
  refuse: boolean;
  /** Messages refused so far. */
  readonly refused: number;
  stop(): Promise<void>;
}

export async function startSmtpSink(o: { port?: number; user?: string; password?: string } = {}): Promise<SmtpSink> {
  const mails: ParsedMail[] = [];
  let refused = 0;
  const sink = { mails, refuse: false, port: 0, get refused() { return refused; } } as SmtpSink & { port: number };
  const server = new SMTPServer({
    secure: false, disabledCommands: ['STARTTLS'], logger: false,
    authOptional: o.user === undefined, allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === o.user && auth.password === o.password) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.refuse) {
          refused++;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          cb(err);
          return;
        }
        simpleParser(Buffer.concat(chunks)).then((m) => { mails.push(m); cb(); }, (e: Error) => cb(e));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  sink.port = (server.server.address() as AddressInfo).port;
  sink.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
