/**
 * `pnpm bench:plans`: what plans cost.
 * - On the device: one plan evaluation (`evaluatePlan`, what the firmware runs at every step instant and at
 *   least every EVAL_MAX_MS = 60 s): Node time per evaluation, and XS's deterministic compute meter per
 *   evaluation inside the real XS engine (xsnap), from the firmware sources bundled alone.
 * - On the server, for a 10,000-device group (SQLite): resolving every device's plan and writing the desired
 *   state (assignment), compiling the plan into each device's SetPlan frame, the year's compliance check,
 *   and a 366-night preview with the energy estimate.
 * Prints `RESULT <name> <value> <unit>` lines (issue 14: through benchReport, which also writes
 * bench/results/plans.json with the machine, the date, the load and the CPU time of this process and of the XS
 * worker) and checks what each step claims: the evaluation loop on Node and on XS gives the same levels, every
 * device of the group is assigned, resolved and compiled, the compliance check and the preview cover the group.
 * Server steps but the assignment are timed several times: the first run, the median and the max.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePlan, parsePosixTz, type Site } from '@streetlight/firmware';
import { build } from '@streetlight/fleet-server';
import { authedInject } from '../fleet-server/src/testing.js';
import { toProtoPlan, type StoredPlan } from '../fleet-server/src/devices/plan.js';
import { encodeDownlink } from '../protocol/src/index.js';
import { draftPlanSchema, draftToProto } from '@streetlight/fleet-server';
import { XsMachine } from '@streetlight/hardware-sim';
import { bundleScript } from '../firmware/scripts/bundle.js';
import { benchReport, childProcesses, processCpu } from '../tests/bench/lib/report.js';

const report = benchReport('plans');
const result = report.result;
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))] ?? 0;
};
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

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
  // One evaluation at a time (each timed alone, the clock's own cost included): the spread over a year's instants.
  const one: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const t = process.hrtime.bigint();
    sink += evaluatePlan(site, plan, start + i * 1_571_000).level;
    one.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  if (sink < 0) console.log(sink);
  result('plan_eval_node_p50', round(pct(one, 50), 2), 'us');
  result('plan_eval_node_p99', round(pct(one, 99), 2), 'us');
}
const nodeLevels = (k: number): number => { let s = 0; for (let i = 0; i < k; i++) s += evaluatePlan(site, plan, Date.UTC(2026, 0, 1) + i * 157_000).level; return s; };

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
    // The same 1,001 instants give the same levels in XS as on Node.
    m.evaluate(`globalThis.handleCommand = () => {
      const t = String(run(1001)); const a = new Uint8Array(t.length);
      for (let i = 0; i < t.length; i++) a[i] = t.charCodeAt(i);
      return a.buffer;
    };`);
    const xsSum = Number(m.issueStringCommand('levels').reply);
    report.check('XS evaluates the plan to the same levels as Node (1,001 instants)', xsSum === nodeLevels(1001), `${xsSum} vs ${nodeLevels(1001)}`);
    const worker = childProcesses().find((c) => c.comm.startsWith('xsnap'));
    const cpu = worker ? processCpu(worker.pid) : undefined;
    if (cpu) report.cpu('xsnap worker', cpu);
  } finally {
    m.close();
    // XsMachine removed its FIFOs with rmSync (it unlinks them now), which lstat()s them; Node 20's fs.realpathSync then reads that FIFO
    // stat as its own and stops resolving symlinks (nodejs/node#51142), so a package required afterwards (fastify
    // loads @fastify/ajv-compiler lazily, in build() below) keeps its pnpm symlink path and resolves its own
    // dependencies from the wrong place: `Cannot find module 'ajv/dist/jtd'` when pnpm hoisted ajv@6. Any stat of a
    // regular file puts a sane stat back; kept as a guard for any other lstat of a FIFO before build().
    statSync(fileURLToPath(import.meta.url));
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

    /** Runs `step` `n` times: RESULT the first run, then the median and the max; returns the last value. */
    const timed = async <T>(name: string, n: number, step: () => Promise<T>): Promise<T> => {
      const times: number[] = [];
      let last: T | undefined;
      for (let k = 0; k < n; k++) {
        const t0 = process.hrtime.bigint();
        last = await step();
        times.push(ms(t0));
      }
      result(name, Math.round(times[0] ?? 0), 'ms');
      if (n > 1) {
        result(`${name}_median`, Math.round(pct(times, 50)), 'ms');
        result(`${name}_max`, Math.round(Math.max(...times)), 'ms');
      }
      return last as T;
    };

    // Assign (once: it changes every device's desired state).
    const assigned = await timed('server_assign_10k', 1, async () => ok({
      method: 'PUT', url: `/api/tenants/${tenant}/groups/town/settings`, payload: { category: 'a', planId: created.planId },
    }) as Promise<{ devicesChanged: number }>);
    report.check('assigning the plan changes every device of the group', assigned.devicesChanged === N, `${assigned.devicesChanged} of ${N}`);

    const resolved = await timed('server_resolve_10k', 5, async () => app.plans.resolveAll(tenant));
    const onPlan = [...resolved.values()].filter((r) => r.planId === created.planId).length;
    report.check('every device resolves to the plan', resolved.size === N && onPlan === N, `${onPlan} of ${resolved.size}, ${N} devices`);

    // Compile: the stored plan into each device's SetPlan frame, as reconciliation does per device.
    const stored = (await app.plans.store.getVersion(tenant, created.planId))?.body as unknown as StoredPlan;
    let bytes = 0;
    let frames = 0;
    await timed('server_compile_10k', 5, async () => {
      bytes = 0;
      frames = 0;
      for (const [deviceId, r] of resolved) {
        bytes += encodeDownlink({ protocolVersion: 1, deviceId, seq: 1, time: 1, plan: { plan: toProtoPlan(r.planId, r.planVersion, stored) } }).length;
        frames++;
      }
    });
    report.check('a SetPlan frame compiled for every device', frames === N && bytes > 0, `${frames} frames`);
    result('setplan_frame', Math.round(bytes / resolved.size), 'bytes');

    const compliance = await timed('server_compliance_year_10k', 3, async () => ok({ method: 'GET', url: `/api/tenants/${tenant}/groups/town/compliance?from=2026-01-01&nights=365` }));
    report.check('the compliance check answers for the group', compliance !== null && typeof compliance === 'object', JSON.stringify(compliance).slice(0, 120));

    const p = await timed('server_preview_366_nights_10k', 3, async () => ok({ method: 'POST', url: `/api/tenants/${tenant}/plans/preview`, payload: { groupId: 'town', from: '2026-01-01', nights: 366, sampleMin: 15 } }) as Promise<{ savedPct: number; energyKwh: number }>);
    report.check('the preview estimates energy and a saving', p.energyKwh > 0 && p.savedPct > 0 && p.savedPct < 100, `${p.energyKwh} kWh, ${p.savedPct} % saved`);
    result('preview_saved', p.savedPct, 'percent');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

report.note('a 5-step plan with a weekend program and dated rules at Sarlat; server steps on SQLite, in process, for a 10,000-device group');
await report.finish();
