/**
 * Alarms handled to the end, through the REST API on a virtual clock: filters (street, cabinet, type, age), the
 * life open → acknowledged → assigned → intervened → cleared (by the device's report, or by a manager with a reason),
 * comments and interventions, and the e-mail digest to the people on duty through a real SMTP server started here
 * (smtp-server on a free port): one mail per period, a cabinet's supply fault one line with its count, French, links to
 * the alarms; refused mail retried; across a restart neither lost nor sent twice; the SMTP password never returned.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';
import { tempDir } from './helpers.js';

const T = 'sarlat';
const PERIOD_MS = 15 * 60_000;
interface AlarmView { id: number; deviceId: string; type: string; state: string; assignee: { name: string } | null; clearedBy: string | null; clearReason: string | null; notifiedAt: string | null }

describe('alarms handled to the end', () => {
  const clock = { ms: Date.UTC(2026, 0, 15, 18, 2, 0) };
  const dataDir = tempDir();
  let app: FastifyInstance;
  let inject: Inject;
  let sink: SmtpSink;
  const devs = new Map<string, TestDevice>();
  const seqs = new Map<string, number>();
  let eventSeq = 1;

  /** Everything the server logs (debug and up), to check the SMTP password is never in it. */
  const logged: string[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write(chunk: Buffer, _enc, cb) { logged.push(chunk.toString()); cb(); } }));
  const start = async (): Promise<void> => {
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, logger, now: () => clock.ms, alarmMail: { tickMs: 0 } });
    inject = await authedInject(app);
  };
  const send = async (deviceId: string, type: number, active: boolean): Promise<void> => {
    const dev = devs.get(deviceId) as TestDevice;
    const seq = (seqs.get(deviceId) ?? 1) + 1;
    seqs.set(deviceId, seq);
    await app.devices.handleMessage(uplinkTopic(T, deviceId), dev.uplink({ seq, event: { eventSeq: eventSeq++, type, active, time: Math.floor(clock.ms / 1000), value: 100, detail: '' } }));
  };
  const list = async (q: string): Promise<AlarmView[]> => {
    const r = await inject(`/api/tenants/${T}/alarms?limit=100${q}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().alarms as AlarmView[];
  };
  const post = async (url: string, payload: object, status = 200): Promise<Record<string, unknown>> => {
    const r = await inject({ method: 'POST', url: `/api/tenants/${T}${url}`, payload });
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  /** To the start of the next digest period plus a second, then one turn of the scheduler. */
  const nextPeriod = async () => {
    clock.ms = (Math.floor(clock.ms / PERIOD_MS) + 1) * PERIOD_MS + 1000;
    return app.notifier.tick();
  };

  beforeAll(async () => {
    sink = await startSmtpSink({ user: 'astreinte', password: 's3cret-smtp' });
    await start();
    expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda' } })).statusCode).toBe(200);
    const lights = [
      { deviceId: 'sl-1', poleRef: 'REP-01', group: 'REP' }, { deviceId: 'sl-2', poleRef: 'REP-02', group: 'REP' }, { deviceId: 'sl-3', poleRef: 'REP-03', group: 'REP' },
      { deviceId: 'sl-5', poleRef: 'GAR-05', group: 'GAR' }, { deviceId: 'sl-6', poleRef: 'GAR-06', group: 'GAR' }, { deviceId: 'sl-7', poleRef: 'GAR-07', group: 'GAR' },
    ];
    const r = await inject({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: lights.map((l, k) => ({ ...l, lat: 44.889 + k * 1e-4, lon: 1.2166, nominalPowerW: 40 })) });
    expect(r.statusCode, r.body).toBe(200);
    expect((await inject({ method: 'PUT', url: `/api/tenants/${T}/inventory/cabinets/AR1`, payload: { name: 'Armoire de la gare' } })).statusCode).toBe(200);
    expect((await inject({ method: 'PUT', url: `/api/tenants/${T}/inventory/cabinets/AR1/circuits/D1`, payload: {} })).statusCode).toBe(200);
    for (const [k, pole] of ['GAR-05', 'GAR-06', 'GAR-07'].entries()) {
      const p = await inject({ method: 'PUT', url: `/api/tenants/${T}/inventory/poles/${pole}`, payload: { lat: 44.8894 + k * 1e-4, lon: 1.2166, street: 'Avenue de la Gare', cabinetId: 'AR1', circuitId: 'D1' } });
      expect(p.statusCode, p.body).toBe(200);
    }
    for (const l of lights) {
      const dev = await provisionDevice(app, T, l.deviceId);
      devs.set(l.deviceId, dev);
      seqs.set(l.deviceId, 1);
      await app.devices.handleMessage(uplinkTopic(T, l.deviceId), dev.uplink({ seq: 1, hello: { firmwareVersion: '1.0.0' } }));
    }
  }, 120_000);
  afterAll(async () => { await app?.close(); await sink?.stop(); });

  it('keeps the SMTP password to itself and notifies only alarms from the moment it is turned on', async () => {
    await send('sl-3', pb.EventType.EVENT_TYPE_CYCLING, true); // before notifications: never mailed
    clock.ms += 1000;
    const none = await inject({
      method: 'PUT', url: `/api/tenants/${T}/notifications/settings`,
      payload: { enabled: true, smtpHost: '127.0.0.1', smtpPort: sink.port, smtpTls: 'none', fromAddress: 'eclairage@sarlat.example', recipients: [], uiUrl: 'https://eclairage.sarlat.example/' },
    });
    expect(none.statusCode, none.body).toBe(400); // on, but to nobody
    const r = await inject({
      method: 'PUT', url: `/api/tenants/${T}/notifications/settings`,
      payload: {
        enabled: true, smtpHost: '127.0.0.1', smtpPort: sink.port, smtpTls: 'none', smtpUser: 'astreinte', smtpPassword: 's3cret-smtp',
        fromAddress: 'eclairage@sarlat.example', recipients: ['astreinte@sarlat.example', 'regie@sarlat.example'], periodMin: 15, uiUrl: 'https://eclairage.sarlat.example/',
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.body).not.toContain('s3cret-smtp');
    expect(r.json()).toMatchObject({ enabled: true, hasPassword: true, smtpUser: 'astreinte', recipients: ['astreinte@sarlat.example', 'regie@sarlat.example'] });
    const audit = await inject(`/api/tenants/${T}/audit`);
    expect(audit.body).toContain('/notifications/settings');
    expect(audit.body).not.toContain('s3cret-smtp');
  });

  it('sends one French digest per period: a supply fault of a cabinet is one line with its count, other alarms one line each with a link', async () => {
    clock.ms += 60_000;
    await send('sl-1', pb.EventType.EVENT_TYPE_LAMP_FAILURE, true);
    for (const id of ['sl-5', 'sl-6', 'sl-7']) await send(id, pb.EventType.EVENT_TYPE_VOLTAGE_LOW, true);
    expect(await app.notifier.tick()).toEqual({ made: 0, sent: 0, failed: 0 }); // the period is not over
    expect(sink.mails).toHaveLength(0);
    expect(await nextPeriod()).toMatchObject({ made: 1, sent: 1, failed: 0 });
    expect(await app.notifier.tick()).toEqual({ made: 0, sent: 0, failed: 0 }); // at most one mail per period
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.subject).toBe('[Sarlat-la-Canéda] 4 nouvelles alarmes d’éclairage public (19 h 00 – 19 h 15)');
    expect((mail.to as { text: string }).text).toBe('astreinte@sarlat.example, regie@sarlat.example');
    const text = mail.text ?? '';
    const lamp = (await list('&type=lamp_failure'))[0]!;
    expect(text).toContain('4 nouvelles alarmes sur 4 points lumineux entre 19 h 00 et 19 h 15 le 15/01/2026');
    expect(text).toContain('• Tension d’alimentation basse — armoire AR1, départ D1 : 3 points lumineux (Avenue de la Gare), depuis 19 h 03');
    expect(text).toContain(`• Panne de lampe — REP, poteau REP-01, contrôleur sl-1, depuis 19 h 03\n  https://eclairage.sarlat.example/#/t/sarlat/alarms/${lamp.id}`);
    expect(text).not.toContain('clignote'); // sl-3's cycling came before notifications were on
    expect(text.match(/^• /gm)).toHaveLength(2);
    expect((await list('&type=lamp_failure'))[0]!.notifiedAt).not.toBeNull();
    const digests = (await inject(`/api/tenants/${T}/notifications/digests`)).json();
    expect(digests).toMatchObject([{ alarmCount: 4, state: 'sent', attempts: 1 }]);
  });

  it('filters by street, cabinet, type, state and age, in the query', async () => {
    expect((await list('&group=REP')).map((a) => a.deviceId).sort()).toEqual(['sl-1', 'sl-3']);
    expect((await list('&cabinet=AR1')).map((a) => a.deviceId).sort()).toEqual(['sl-5', 'sl-6', 'sl-7']);
    expect((await list('&type=voltage_low&group=REP'))).toEqual([]);
    expect((await list('&minAgeH=1'))).toEqual([]);
    clock.ms += 2 * 3_600_000;
    expect((await list('&minAgeH=1'))).toHaveLength(5);
    expect((await list('&state=cleared'))).toEqual([]);
    expect((await inject(`/api/tenants/${T}/alarms?type=nonsense`)).statusCode).toBe(400);
  });

  it('goes open → acknowledged → assigned → intervened → cleared by the device, with comments; a fault stays one until then', async () => {
    const a = (await list('&type=lamp_failure'))[0]!;
    expect(a.state).toBe('open');
    expect((await post(`/alarms/${a.id}/acknowledge`, {})).state).toBe('acknowledged');
    const company = await post('/contractors', { name: 'Citéos Périgord', email: 'depannage@citeos.example', phone: '+33 5 53 00 00 00' }, 201);
    expect((await inject(`/api/tenants/${T}/alarms/assignees`)).json().contractors).toEqual([{ id: company.id, name: 'Citéos Périgord', email: 'depannage@citeos.example', phone: '+33 5 53 00 00 00', archived: false }]);
    const assigned = await post(`/alarms/${a.id}/assign`, { kind: 'contractor', id: String(company.id) });
    expect(assigned).toMatchObject({ state: 'assigned', assignee: { kind: 'contractor', name: 'Citéos Périgord', phone: '+33 5 53 00 00 00' } });
    await post(`/alarms/${a.id}/comments`, { text: 'Nacelle prévue demain matin' });
    const done = await post(`/alarms/${a.id}/interventions`, { doneAt: new Date(clock.ms).toISOString(), doneBy: 'Citéos — J. Martin', action: 'Driver LED remplacé', parts: ['Driver 40 W 1–10 V'] });
    expect(done).toMatchObject({
      state: 'intervened',
      comments: [{ text: 'Nacelle prévue demain matin', author: 'token test' }],
      interventions: [{ doneBy: 'Citéos — J. Martin', action: 'Driver LED remplacé', parts: ['Driver 40 W 1–10 V'] }],
    });
    // Still a fault: the light is listed as one until the alarm is cleared.
    expect(Number((await inject(`/api/tenants/${T}/devices?state=fault`)).headers['x-total-count'])).toBeGreaterThanOrEqual(1);
    expect((await inject(`/api/tenants/${T}/devices/sl-1`)).json().state).toBe('fault');
    clock.ms += 60_000;
    await send('sl-1', pb.EventType.EVENT_TYPE_LAMP_FAILURE, false);
    const cleared = (await inject(`/api/tenants/${T}/alarms/${a.id}`)).json();
    expect(cleared).toMatchObject({ state: 'cleared', clearedBy: null, clearReason: null });
    expect((await inject(`/api/tenants/${T}/devices/sl-1`)).json().state).not.toBe('fault');
    expect((await inject({ method: 'POST', url: `/api/tenants/${T}/alarms/${a.id}/assign`, payload: { kind: 'contractor', id: String(company.id) } })).json().code).toBe('SL_ALARM_CLEARED');
  });

  it('clears by hand with a reason (a manager), never twice; a viewer cannot; the audit log says it in words', async () => {
    const a = (await list('&type=cycling'))[0]!;
    const viewer = await authedInject(app, { tenant: T, role: 'viewer' });
    expect((await viewer({ method: 'POST', url: `/api/tenants/${T}/alarms/${a.id}/clear`, payload: { reason: 'vu' } })).statusCode).toBe(403);
    const c = await post(`/alarms/${a.id}/clear`, { reason: 'Lampe remplacée lors de la tournée, le contrôleur ne le voit pas' });
    expect(c).toMatchObject({ state: 'cleared', clearedBy: 'token test', clearReason: 'Lampe remplacée lors de la tournée, le contrôleur ne le voit pas' });
    expect((await post(`/alarms/${a.id}/clear`, { reason: 'encore' }, 409)).code).toBe('SL_ALARM_CLEARED');
    const audit = (await inject(`/api/tenants/${T}/audit`)).json() as { entries?: Array<{ action: string; detail: Record<string, unknown> }> } | Array<{ action: string; detail: Record<string, unknown> }>;
    const entries = Array.isArray(audit) ? audit : audit.entries ?? [];
    const actions = entries.map((e) => e.action);
    for (const act of ['POST /alarms/:alarmId/clear', 'POST /alarms/:alarmId/assign', 'POST /alarms/:alarmId/interventions', 'POST /alarms/:alarmId/comments', 'POST /contractors']) expect(actions).toContain(act);
    expect(entries.find((e) => e.action === 'POST /alarms/:alarmId/assign')?.detail.assignee).toBe('Citéos Périgord');
  });

  it('retries a digest the SMTP server refuses, and across restarts neither loses nor repeats one', async () => {
    sink.refuse = true;
    clock.ms += 60_000;
    await send('sl-2', pb.EventType.EVENT_TYPE_LAMP_FAILURE, true);
    expect(await nextPeriod()).toMatchObject({ made: 1, sent: 0, failed: 1 });
    const [pending] = (await inject(`/api/tenants/${T}/notifications/digests`)).json() as Array<{ state: string; lastError: string; attempts: number; alarmCount: number }>;
    expect(pending).toMatchObject({ state: 'pending', attempts: 1, alarmCount: 1 });
    expect(pending!.lastError).toMatch(/451/);
    expect(sink.refused).toBe(1);
    expect(await app.notifier.tick()).toEqual({ made: 0, sent: 0, failed: 0 }); // not due yet (30 s)

    // The server stops with the digest pending; it comes back, the SMTP server too: sent once.
    await app.close();
    sink.refuse = false;
    clock.ms += 30_000;
    await start();
    expect(await app.notifier.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(sink.mails).toHaveLength(2);
    expect(sink.mails[1]!.subject).toMatch(/1 nouvelle alarme d’éclairage public/);
    expect(sink.mails[1]!.text).toContain('1 nouvelle alarme sur 1 point lumineux');
    await app.close();
    await start();
    clock.ms += 60_000;
    expect(await app.notifier.tick()).toEqual({ made: 0, sent: 0, failed: 0 });
    expect(sink.mails).toHaveLength(2);
    expect((await inject(`/api/tenants/${T}/notifications/digests`)).json().map((d: { state: string }) => d.state)).toEqual(['sent', 'sent']);
    // The logs tell of the digests (sent, refused and retried) and never show the SMTP password.
    const log = logged.join('');
    expect(log).toContain('alarm digest sent');
    expect(log).toContain('alarm digest not sent; will retry');
    expect(log).not.toContain('s3cret-smtp');
  });
});
