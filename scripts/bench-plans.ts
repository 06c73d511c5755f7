/**
 * `pnpm bench:plans`: what plans cost.
 * - On the device: one plan evaluation (`evaluatePlan`, what the firmware runs at every step instant and at
 *   least every EVAL_MAX_MS = 60 s): Node time per evaluation, and XS's deterministic compute meter per
 *   evaluation inside the real XS engine (xsnap), from the firmware sources bundled alone.
 * - On the server, for a 10,000-device group (SQLite): resolving every device's plan and writing the desired
 *   state (assignment), compiling the plan into each device's SetPlan frame, the year's compliance check,
 *   and a 366-night preview with the energy estimate.
 * Ends with `RESULT <name> <value> <unit>` lines.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePlan, parsePosixTz, type Site } from '@streetlight/firmware';
import { build } from '@streetlight/fleet-server';
import { authedInject } from '../fleet-server/src/testing.js';
import { toProtoPlan, type StoredPlan } from '../fleet-server/src/devices/plan.js';
import { encodeDownlink } from '../protocol/src/index.js';
import { draftPlanSchema, draftToProto } from '@streetlight/fleet-server';
import { XsMachine } from '@streetlight/hardware-sim';
import { bundleScript } from '../firmware/scripts/bundle.js';

const results: Array<[string, number, string]> = [];
const result = (name: string, value: number, unit: string): void => { results.push([name, value, unit]); };
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

const TZ = 'CET-1CEST,M3.5.0,M10.5.0/3';
const BODY = {
  programs: [
    { id: 1, steps: [
      { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 2 }, { anchor: 'clock', offsetMin: 22 * 60 + 30, level: 60, fadeS: 10 },
      { anchor: 'clock', offsetMin: 60, level: 0, fadeS: 10 }, { anchor: 'clock', offsetMin: 5 * 60 + 30, level: 50, fadeS: 10 },
      { anchor: 'sunrise', offsetMin: -20, level: 0, fadeS: 2 },
    ] },
    { id: 2, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 150, level: 30 }, { anchor: 'sunrise', offsetMin: -20, level: 0 }] },
  ],
  rules: [{ programId: 2, weekdays: ['fri', 'sat'] }, { programId: 2, dates: ['2026-07-14', '2026-12-24', '2026-12-31'], priority: 1 }],
  defaultProgramId: 1,
};
const plan = draftToProto(draftPlanSchema.parse(BODY), 1, 1);
const site: Site = { tz: parsePosixTz(TZ), latDeg: 44.889, lonDeg: 1.216 };

// --- device: Node ------------------------------------------------------------------------------------------
{
  const start = Date.UTC(2026, 0, 1);
  const n = 200_000;
  let sink = 0;
  for (let i = 0; i < 5_000; i++) sink += evaluatePlan(site, plan, start + i * 157_000).level; // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sink += evaluatePlan(site, plan, start + i * 157_000).level; // spread over a year
  const total = ms(t0);
  if (sink < 0) console.log(sink);
  result('plan_eval_node', Math.round((total * 1e6) / n) / 1000, 'us_per_evaluation');
  result('plan_eval_node_per_day', Math.round(((total / n) * 1440) * 1000) / 1000, 'ms_per_device_day_at_one_eval_per_minute');
}

// --- device: XS engine --------------------------------------------------------------------------------------
{
  const m = new XsMachine({ stdio: 'ignore' });
  try {
    m.evaluate(bundleScript({ entry: new URL('./bench-plans-entry.ts', import.meta.url).pathname, globalName: 'sched' }));
    m.evaluate(`globalThis.site = { tz: sched.parsePosixTz(${JSON.stringify(TZ)}), latDeg: 44.889, lonDeg: 1.216 };
      globalThis.plan = ${JSON.stringify(plan)};
      globalThis.run = (n) => { let s = 0; for (let i = 0; i < n; i++) s += sched.evaluatePlan(site, plan, ${Date.UTC(2026, 0, 1)} + i * 157000).level; return s; };`);
    const one = m.evaluate('run(1);').meter.compute;
    const many = m.evaluate('run(1001);').meter.compute;
    result('plan_eval_xs_compute', Math.round((many - one) / 1000), 'xs_compute_per_evaluation');
  } finally {
    m.close();
  }
}

// --- server: a 10,000-device group ---------------------------------------------------------------------------
{
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-plans-'));
  const app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, logger: false });
  try {
    const inject = await authedInject(app);
    const tenant = 'bench';
    const N = 10_000;
    const rows = Array.from({ length: N }, (_, i) => ({
      deviceId: `b-${String(i).padStart(5, '0')}`, lat: 44.88 + (i % 100) * 1e-4, lon: 1.21 + Math.floor(i / 100) * 1e-4, group: 'town',
      luminaireModel: i % 3 === 0 ? 'HERITAGE' : 'ROAD',
    }));
    const ok = async (opts: Parameters<typeof inject>[0]): Promise<unknown> => {
      const res = await inject(opts);
      if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body}`);
      return res.json();
    };
    await ok({ method: 'PUT', url: `/api/tenants/${tenant}/luminaire-models/ROAD`, payload: { cctK: 3000, ulrPct: 0, nominalW: 36 } });
    await ok({ method: 'PUT', url: `/api/tenants/${tenant}/luminaire-models/HERITAGE`, payload: { cctK: 2700, ulrPct: 0.8, nominalW: 24, curve: 'logarithmic', minLevel: 5 } });
    await ok({ method: 'POST', url: `/api/tenants/${tenant}/inventory`, payload: rows });
    const created = await ok({ method: 'POST', url: `/api/tenants/${tenant}/plans`, payload: { name: 'bench', plan: BODY } }) as { planId: number };

    let t0 = process.hrtime.bigint();
    const assigned = await ok({ method: 'PUT', url: `/api/tenants/${tenant}/groups/town/settings`, payload: { category: 'a', planId: created.planId } }) as { devicesChanged: number };
    result('server_assign_10k', Math.round(ms(t0)), 'ms');
    if (assigned.devicesChanged !== N) throw new Error(`expected ${N} devices changed, got ${assigned.devicesChanged}`);

    t0 = process.hrtime.bigint();
    const resolved = await app.plans.resolveAll(tenant);
    result('server_resolve_10k', Math.round(ms(t0)), 'ms');

    // Compile: the stored plan into each device's SetPlan frame, as reconciliation does per device.
    const stored = (await app.plans.store.getVersion(tenant, created.planId))?.body as unknown as StoredPlan;
    t0 = process.hrtime.bigint();
    let bytes = 0;
    for (const [deviceId, r] of resolved) {
      bytes += encodeDownlink({ protocolVersion: 1, deviceId, seq: 1, time: 1, plan: { plan: toProtoPlan(r.planId, r.planVersion, stored) } }).length;
    }
    result('server_compile_10k', Math.round(ms(t0)), 'ms');
    result('setplan_frame', Math.round(bytes / resolved.size), 'bytes');

    t0 = process.hrtime.bigint();
    await ok({ method: 'GET', url: `/api/tenants/${tenant}/groups/town/compliance?from=2026-01-01&nights=365` });
    result('server_compliance_year_10k', Math.round(ms(t0)), 'ms');

    t0 = process.hrtime.bigint();
    const p = await ok({ method: 'POST', url: `/api/tenants/${tenant}/plans/preview`, payload: { groupId: 'town', from: '2026-01-01', nights: 366, sampleMin: 15 } }) as { savedPct: number; energyKwh: number };
    result('server_preview_366_nights_10k', Math.round(ms(t0)), 'ms');
    result('preview_saved', p.savedPct, 'percent');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

for (const [name, value, unit] of results) console.log(`RESULT ${name} ${value} ${unit}`);
