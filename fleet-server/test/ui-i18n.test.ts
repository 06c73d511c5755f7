/**
 * The UI's words for what the API says (src/ui/i18n.ts, audit.ts, ota-halt.ts), in French and English: every code
 * the API can return (event and alarm types, severities, clock statuses, level sources, OTA states) has words in
 * both languages; counts take Intl.PluralRules' form ("1 ouverte", never "1 ouvertes"); sizes in the language's
 * unit; an OTA halt and every audited change said in a sentence, never `POST /plans` and JSON. The Chromium side:
 * tests/e2e/ui-daily.test.ts walks every page in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import { ALARM_TYPE_NAMES } from '../src/alarms/service.js';
import { CLOCK_STATUSES, EVENT_TYPES, LEVEL_SOURCES } from '../src/views.js';
import { createCampaign, onDeviceStatus, step } from '../src/ota/campaign.js';
import { makeI18n, type Lang } from '../src/ui/i18n.js';
import { AUDIT_SENTENCES, auditActor, describeAudit } from '../src/ui/audit.js';
import { deviceReasonText, haltText } from '../src/ui/ota-halt.js';
import { auditDetail } from '../src/auth/plugin.js';
import { tempDir } from './helpers.js';

const missing = (): string[] => (globalThis as { slI18nMissing?: string[] }).slI18nMissing ?? [];
const LANGS: Lang[] = ['fr', 'en'];

describe('the UI in words', () => {
  it('has words in both languages for every code the API returns', () => {
    const codes: Array<[Parameters<ReturnType<typeof makeI18n>['code']>[0], readonly string[]]> = [
      ['event', [...EVENT_TYPES, ...ALARM_TYPE_NAMES]], ['sev', ['critical', 'major', 'minor']], ['clock', CLOCK_STATUSES], ['source', LEVEL_SOURCES],
      ['dev', ['queued', 'offered', 'downloading', 'verifying', 'installing', 'rebooting', 'confirmed', 'rolled_back', 'failed', 'timed_out', 'cancelled']],
      ['ota', ['running', 'paused', 'halted', 'completed', 'cancelled']], ['role', ['viewer', 'installer', 'manager', 'admin']],
    ];
    for (const lang of LANGS) {
      const i = makeI18n(lang);
      for (const [kind, values] of codes) {
        for (const v of values) {
          const words = i.code(kind, v);
          if (v.includes('_')) expect(words, `${lang} ${kind} ${v}`).not.toBe(v);
          expect(words, `${lang} ${kind} ${v}`).not.toMatch(/_/);
        }
      }
    }
    expect(missing()).toEqual([]);
    // An unknown code is shown as it is, and reported.
    expect(makeI18n('fr').code('event', 'solar_flare')).toBe('solar_flare');
    expect(missing()).toContain('event_solar_flare');
    (globalThis as { slI18nMissing?: string[] }).slI18nMissing = [];
  });

  it('takes the plural form of the count', () => {
    const fr = makeI18n('fr'); const en = makeI18n('en');
    expect([0, 1, 2].map((n) => fr.t('alarmsOpen', { n }))).toEqual(['0 ouverte', '1 ouverte', '2 ouvertes']);
    expect([1, 2].map((n) => fr.t('devices', { n }))).toEqual(['1 contrôleur', '2 contrôleurs']);
    expect(fr.t('count', { n: fr.num(1) })).toBe('1 point lumineux');
    expect(fr.t('count', { n: fr.num(12_345) })).toBe(`${fr.num(12_345)} points lumineux`);
    expect([0, 1, 2].map((n) => en.t('count', { n }))).toEqual(['0 lights', '1 light', '2 lights']);
    expect(en.t('overrideSet', { n: 1 })).toBe('Override sent to 1 light.');
  });

  it('gives sizes in the language\'s binary unit', () => {
    expect(makeI18n('fr').bytes(96 * 1024)).toBe('96 Kio');
    expect(makeI18n('en').bytes(96 * 1024)).toBe('96 KiB');
    expect(makeI18n('en').bytes(1.5 * 1024 * 1024)).toBe('1.5 MiB');
  });

  it('says why a campaign halted, from the figures the campaign keeps', () => {
    const c = createCampaign(['a', 'b', 'c', 'd'], { canary: 4, errorThreshold: 0.05 }, 0);
    step(c, 0);
    onDeviceStatus(c, 'a', 'failed', 1, { reason: 'signature' });
    step(c, 2);
    expect(c.status).toBe('halted');
    expect(c.halt).toMatchObject({ kind: 'errors', failed: 1, thresholdPct: 5 });
    const attempted = (c.halt as { attempted: number }).attempted;
    expect(haltText(makeI18n('fr'), c.halt!)).toBe(`1 contrôleur sur ${attempted} en échec (seuil 5\u00a0%)`);
    expect(haltText(makeI18n('en'), c.halt!)).toBe(`1 of ${attempted} devices failed (threshold 5%)`);
    expect(deviceReasonText(makeI18n('fr'), 'no progress for 3600 s')).toBe('aucun progrès depuis 3600 s');
  });

  describe('the audit log', () => {
    let app: FastifyInstance;
    let writes: string[];
    beforeAll(async () => {
      // With a simulated town, as the demo runs it: its fault injection is audited too.
      const simulation = { tenant: 'demo', targets: () => ({ lights: [], circuits: [] }), inject: () => undefined, active: () => [] };
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, simulation });
      const spec = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
      writes = Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => m !== 'get').map((m) => `${m.toUpperCase()} ${p.replace('/api/tenants/{tenant}', '').replace(/\{(\w+)\}/g, ':$1')}`))
        .filter((a) => !/\/(validate|preview)$/.test(a) && !a.includes(' /api/'));
      writes.push('POST /tenants'); // audited on the tenant by routes/auth.ts
    });
    afterAll(async () => { await app.close(); });

    it('has a sentence for routes the server has, and says every audited change in words', () => {
      for (const action of Object.keys(AUDIT_SENTENCES)) expect(writes, `${action}: no such route`).toContain(action);
      const plans = new Map([[7, 'Soirée 80']]);
      for (const lang of LANGS) {
        const i = makeI18n(lang);
        for (const action of writes) {
          const target = action.split(' ')[1]!.replace(/:(\w+)Id/g, '7').replace(/:(\w+)/g, 'X1');
          const text = describeAudit({ at: '', actor: 'user:1', actorName: 'a@b.fr', action, target, detail: { name: 'Soirée', level: 40, durationS: 3600, planId: 7, role: 'manager' } }, i, plans);
          expect(text, `${lang} ${action}`).not.toMatch(/\b(POST|PUT|PATCH|DELETE)\b|[{}[\]"]{2}|\{\w+\}/);
        }
      }
      const fr = makeI18n('fr');
      expect(describeAudit({ at: '', actor: 'user:1', actorName: 'a@b.fr', action: 'PUT /groups/:groupId/settings', target: '/groups/LIB/settings', detail: { planId: 7, category: 'b_heritage' } }, fr, plans))
        .toBe('Groupe LIB : plan « Soirée 80 », catégorie b) patrimoine');
      expect(describeAudit({ at: '', actor: 'user:1', actorName: 'a@b.fr', action: 'PUT /groups/:groupId/override', target: '/groups/LIB/override', detail: { level: 20, durationS: 900, fadeS: 2 } }, fr))
        .toBe(`Forçage du groupe LIB à ${fr.pct(20)} pendant 15 min`);
      // The details as the server writes them (auth/plugin.ts): a few rows, or a count beyond 20.
      const rows = (n: number) => Array.from({ length: n }, (_, k) => ({ deviceId: `SRL-${k}`, lat: 44.9, lon: 1.2 }));
      for (const n of [1, 3, 150]) {
        expect(describeAudit({ at: '', actor: 'token:3', actorName: 'token demo set-up', action: 'POST /inventory', target: '/inventory', detail: auditDetail(rows(n)) }, fr))
          .toBe(`Mise en service de ${n} point${n > 1 ? 's' : ''} lumineux`);
      }
      expect(describeAudit({ at: '', actor: 'cli', actorName: 'command line', action: 'POST /tenants', target: '/', detail: { name: 'Sarlat-la-Canéda', kind: 'town', parentId: null } }, fr))
        .toBe('Collectivité « Sarlat-la-Canéda » créée ou modifiée');
      expect(auditActor({ actor: 'cli', actorName: 'command line' }, 'fr')).toBe('ligne de commande');
      expect(auditActor({ actor: 'token:3', actorName: 'token demo set-up' }, 'en')).toBe('token "demo set-up"');
    });
  });
});
