/**
 * Alarm e-mails to the people on duty: a digest per period, never one mail per lamp.
 *
 * At the end of each period of a town's settings (15 min by default, on the server's clock, which the demo and the
 * tests run virtually), the alarms received since the last digest go into one mail: a fault seen by several lights of
 * one cabinet circuit (a supply fault) is one line with the count, any other alarm one line with its street, pole and
 * a link to it in the UI. The digest is stored with its alarms marked before it is sent (db/notification-repository.ts),
 * then sent through the town's SMTP server (nodemailer) and retried with a growing delay while that server refuses or
 * is down; it is marked sent once the server has taken it. So a digest is never lost across a restart, at most one is
 * made per period, and each alarm is told once. The one window left — the SMTP server took the mail and the server
 * stopped before writing `sent` — sends it again at the next start with the same Message-ID, which mail systems use to
 * drop the repeat.
 *
 * The SMTP password is read here only, to log in: it is never in an API answer, a log line or an error stored.
 */
import nodemailer from 'nodemailer';
import { parsePosixTz, toLocalMs } from '@streetlight/firmware';
import type { DigestAlarm, DigestRow, NotificationRepository, NotificationSettingsRow } from '../db/notification-repository.js';
import type { ServiceLogger } from '../devices/service.js';

/** One mail, as the digest hands it to a mailer. */
export interface MailMessage { from: string; to: string[]; subject: string; text: string; messageId: string }

/** Sends a mail through a town's SMTP server; rejects when the server refuses it or cannot be reached. */
export type Mailer = (smtp: Pick<NotificationSettingsRow, 'smtpHost' | 'smtpPort' | 'smtpTls' | 'smtpUser' | 'smtpPassword'>, mail: MailMessage) => Promise<void>;

/** nodemailer over SMTP: `tls` implicit TLS, `starttls` an upgrade the server must offer, `none` plain. */
export const smtpMailer: Mailer = async (smtp, mail) => {
  const transport = nodemailer.createTransport({
    host: smtp.smtpHost, port: smtp.smtpPort,
    secure: smtp.smtpTls === 'tls', requireTLS: smtp.smtpTls === 'starttls', ignoreTLS: smtp.smtpTls === 'none',
    ...(smtp.smtpUser ? { auth: { user: smtp.smtpUser, pass: smtp.smtpPassword ?? '' } } : {}),
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000,
    logger: false, debug: false,
  });
  try {
    await transport.sendMail({
      from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  } finally {
    transport.close();
  }
};

/** French names of the alarm types, as the digest says them (the UI has both languages in i18n.ts). */
const TYPE_FR: Record<string, string> = {
  lamp_failure: 'Panne de lampe', day_burner: 'Allumée en plein jour', cycling: 'Lampe qui clignote', voltage_low: 'Tension d’alimentation basse',
  voltage_high: 'Tension d’alimentation haute', meter_fault: 'Compteur du contrôleur muet', clock_lost: 'Heure perdue', storage_fault: 'Erreur de mémoire',
  implausible_energy: 'Relevés d’énergie invraisemblables',
};
const typeFr = (t: string): string => TYPE_FR[t] ?? t;

export interface NotifierOptions {
  repo: NotificationRepository;
  now: () => number;
  log: ServiceLogger;
  /** Default smtpMailer (nodemailer). */
  mailer?: Mailer;
  /** The town's name (the mail's subject) and POSIX TZ (its times). */
  town: (tenantId: string) => Promise<{ name: string; tz: string }>;
  /** How long an instance keeps a digest it is sending from the others (ms, server clock). Default 120,000. */
  claimMs?: number;
}

/** Delay before the next attempt after `attempts` failures: 30 s doubling, at most 15 min (server clock). */
export const retryDelayMs = (attempts: number): number => Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

export class AlarmNotifier {
  private readonly mailer: Mailer;
  private running: Promise<TickResult> | undefined;

  constructor(private readonly o: NotifierOptions) {
    this.mailer = o.mailer ?? smtpMailer;
  }

  /** The settings and digests (routes read them). */
  get repo(): NotificationRepository { return this.o.repo; }

  /**
   * One turn of the scheduler: makes the digest of each town's last finished period (if it has new alarms), then
   * sends the digests that are due. Turns do not overlap (a turn called during another waits for it).
   */
  tick(): Promise<TickResult> {
    this.running ??= this.turn().finally(() => { this.running = undefined; });
    return this.running;
  }

  /** Resolves once the turn under way (if any) is over. */
  async idle(): Promise<void> { await this.running?.catch(() => undefined); }

  private async turn(): Promise<TickResult> {
    const { repo, now } = this.o;
    const out: TickResult = { made: 0, sent: 0, failed: 0 };
    const t = now();
    const towns = await repo.enabled();
    for (const s of towns) {
      const period = s.periodMin * 60_000;
      const end = Math.floor(t / period) * period;
      const start = end - period;
      if (end <= s.since) continue;
      const d = await repo.makeDigest(s.tenantId, start, end, s.since, t, `<digest-${s.tenantId}-${start}@streetlight>`);
      if (d && d.createdAt === t && d.attempts === 0) out.made++;
    }
    const byTown = new Map(towns.map((s) => [s.tenantId, s]));
    for (const d of await repo.due(t)) {
      const s = byTown.get(d.tenantId);
      if (!s) continue; // notifications turned off: it waits until they are on again
      if (!(await repo.claim(d, t, this.o.claimMs ?? 120_000))) continue;
      try {
        const mail = await this.compose(s, d);
        await this.mailer(s, mail);
        await repo.markSent(d.id, now());
        out.sent++;
        this.o.log.info({ tenant: d.tenantId, digest: d.id, alarms: d.alarmCount, attempt: d.attempts + 1 }, 'alarm digest sent');
      } catch (err) {
        const e = err as { message?: string; code?: string; responseCode?: number };
        const message = `${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}`;
        await repo.markFailed(d.id, message, now() + retryDelayMs(d.attempts + 1));
        out.failed++;
        this.o.log.warn({ tenant: d.tenantId, digest: d.id, attempt: d.attempts + 1, error: message }, 'alarm digest not sent; will retry');
      }
    }
    return out;
  }

  /** The digest's mail: subject and plain text, in French (the language of the towns this serves). */
  async compose(s: NotificationSettingsRow, d: DigestRow): Promise<MailMessage> {
    const alarms = await this.o.repo.digestAlarms(d.tenantId, d.id);
    const town = await this.o.town(d.tenantId);
    const tz = parsePosixTz(town.tz);
    const hm = (ms: number): string => {
      const l = new Date(toLocalMs(tz, ms));
      return `${String(l.getUTCHours()).padStart(2, '0')} h ${String(l.getUTCMinutes()).padStart(2, '0')}`;
    };
    const dayOf = (ms: number): string => new Date(toLocalMs(tz, ms)).toISOString().slice(0, 10).split('-').reverse().join('/');
    const ui = s.uiUrl.replace(/\/+$/, '');
    const link = (path: string): string => `${ui}/#/t/${encodeURIComponent(d.tenantId)}/${path}`;
    const lights = new Set(alarms.map((a) => a.deviceId)).size;
    const n = alarms.length;
    const plural = (k: number, one: string, many: string): string => `${k} ${k > 1 ? many : one}`;
    const lines: string[] = [];
    // A fault on several lights of one circuit is one line: the cabinet's supply, not N lamps.
    const byCircuit = new Map<string, DigestAlarm[]>();
    const single: DigestAlarm[] = [];
    for (const a of alarms) {
      if (a.cabinetId) {
        const key = `${a.type}\u0000${a.cabinetId}\u0000${a.circuitId ?? ''}`;
        const list = byCircuit.get(key) ?? [];
        list.push(a);
        byCircuit.set(key, list);
      } else {
        single.push(a);
      }
    }
    for (const list of byCircuit.values()) {
      if (list.length === 1) { single.push(list[0] as DigestAlarm); continue; }
      const a = list[0] as DigestAlarm;
      const streets = [...new Set(list.map((x) => x.street ?? x.group).filter((x): x is string => !!x))];
      lines.push(`• ${typeFr(a.type)} — armoire ${a.cabinetId}${a.circuitId ? `, départ ${a.circuitId}` : ''} : ${plural(list.length, 'point lumineux', 'points lumineux')}`
        + `${streets.length ? ` (${streets.join(', ')})` : ''}, depuis ${hm(Math.min(...list.map((x) => x.raisedAt)))}\n  ${link(`alarms?cabinet=${encodeURIComponent(a.cabinetId as string)}&type=${a.type}`)}`);
    }
    single.sort((x, y) => x.id - y.id);
    for (const a of single) {
      const where = [a.street ?? a.group, a.poleRef ? `poteau ${a.poleRef}` : undefined, `contrôleur ${a.deviceId}`].filter(Boolean).join(', ');
      lines.push(`• ${typeFr(a.type)} — ${where}, depuis ${hm(a.raisedAt)}${a.state === 'cleared' ? ' (déjà rétablie)' : ''}\n  ${link(`alarms/${a.id}`)}`);
    }
    const subject = `[${town.name}] ${plural(n, 'nouvelle alarme', 'nouvelles alarmes')} d’éclairage public (${hm(d.periodStart)} – ${hm(d.periodEnd)})`;
    const text = [
      'Bonjour,',
      '',
      `${plural(n, 'nouvelle alarme', 'nouvelles alarmes')} sur ${plural(lights, 'point lumineux', 'points lumineux')} entre ${hm(d.periodStart)} et ${hm(d.periodEnd)} le ${dayOf(d.periodStart)} :`,
      '',
      ...lines,
      '',
      `Toutes les alarmes en cours : ${link('alarms')}`,
      '',
      `Ce message récapitule les alarmes d’une période de ${s.periodMin} min (un message au plus par période). Vous le recevez parce que vous êtes d’astreinte pour ${town.name}.`,
    ].join('\n');
    return { from: s.fromAddress, to: s.recipients, subject, text, messageId: d.messageId };
  }
}

export interface TickResult { made: number; sent: number; failed: number }
