/**
 * Plans as tenant resources: named, versioned plans assigned to groups, and the resolution of each
 * device's plan from its groups.
 *
 * Priority rule (a light may belong to several groups): among the device's groups that have a plan
 * assigned, the one with the highest `priority` wins; at equal priority the group id that sorts first
 * (byte order) wins. The device gets the latest version of that plan. A device none of whose groups has a
 * plan keeps whatever it was given directly (PUT …/devices/:id/plan). Resolution runs whenever an
 * assignment, a membership or a plan version changes; changed devices get the new desired plan and are
 * pushed at once; the device service's reconciliation re-sends it to any device that later reports an
 * older plan (Hello, StateReport).
 */
import type { Repository, InventoryRow } from '../db/repository.js';
import type { GroupSettingsRow, LuminaireModelRow, PlansRepository } from '../db/plans-repository.js';
import { DEFAULT_TZ, type StoredConfig } from '../devices/device-config.js';
import type { DeviceService } from '../devices/service.js';
import { pb } from '@streetlight/protocol';
import type { GroupRules, ModelFacts, Category, Zone } from './model.js';
import type { LuminaireLoad, SiteInput } from './night.js';

export interface ResolvedPlan { planId: number; planVersion: number; groupId: string; priority: number }

export interface GroupContext {
  groupId: string;
  members: string[];
  settings: GroupSettingsRow | undefined;
  rules: GroupRules;
  site: SiteInput | undefined;
  models: ModelFacts[];
  loads: LuminaireLoad[];
}

/** Luminaire model defaults for a commissioning row that names no model in the catalogue. */
const LINEAR = pb.DimCurve.DIM_CURVE_LINEAR;
export const curveValue = (c: string): number => (c === 'logarithmic' ? pb.DimCurve.DIM_CURVE_LOGARITHMIC : LINEAR);

export class PlanService {
  constructor(
    private readonly repo: Repository,
    readonly store: PlansRepository,
    private readonly devices: DeviceService,
    private readonly now: () => number,
  ) {}

  /** The winning group plan of each device of the tenant (devices without one are absent). */
  async resolveAll(tenant: string): Promise<Map<string, ResolvedPlan>> {
    const [settings, memberships, latest] = await Promise.all([
      this.store.listGroupSettings(tenant), this.repo.memberships(tenant), this.store.latestVersions(tenant),
    ]);
    const assigned = new Map(settings.filter((s) => s.planId > 0 && latest.has(s.planId)).map((s) => [s.groupId, s]));
    const out = new Map<string, ResolvedPlan>();
    for (const [deviceId, groups] of memberships) {
      let best: GroupSettingsRow | undefined;
      for (const g of groups) {
        const s = assigned.get(g);
        if (!s) continue;
        if (!best || s.priority > best.priority || (s.priority === best.priority && s.groupId < best.groupId)) best = s;
      }
      if (best) out.set(deviceId, { planId: best.planId, planVersion: latest.get(best.planId) as number, groupId: best.groupId, priority: best.priority });
    }
    return out;
  }

  /** Applies the resolution to the desired state and pushes the devices whose plan changed. */
  async apply(tenant: string): Promise<{ changed: number }> {
    const [resolved, desired] = await Promise.all([this.resolveAll(tenant), this.repo.listDesired(tenant)]);
    const current = new Map(desired.map((d) => [d.deviceId, d]));
    const batches = new Map<string, string[]>();
    for (const [deviceId, r] of resolved) {
      const d = current.get(deviceId);
      if (d && d.planId === r.planId && d.planVersion === r.planVersion) continue;
      const key = `${r.planId}:${r.planVersion}`;
      batches.set(key, [...(batches.get(key) ?? []), deviceId]);
    }
    const now = this.now();
    const changed: string[] = [];
    for (const [key, ids] of batches) {
      const [planId, planVersion] = key.split(':').map(Number) as [number, number];
      await this.repo.setDesired(tenant, ids, { planId, planVersion }, now);
      changed.push(...ids);
    }
    await Promise.allSettled(changed.map((id) => this.devices.push(id)));
    return { changed: changed.length };
  }

  /** Every group of the tenant: those with settings and those with members (council report, issue 16). */
  async groupIds(tenant: string): Promise<string[]> {
    const [settings, memberships] = await Promise.all([this.store.listGroupSettings(tenant), this.repo.memberships(tenant)]);
    const ids = new Set(settings.map((s) => s.groupId));
    for (const groups of memberships.values()) for (const g of groups) ids.add(g);
    return [...ids].sort();
  }

  /** The devices among `members` whose luminaire is one of `modelIds` (ids as modelFacts names them). */
  async lightsOfModels(tenant: string, members: readonly string[], modelIds: ReadonlySet<string | undefined>): Promise<string[]> {
    const set = new Set(members);
    return (await this.repo.listInventory(tenant))
      .filter((i) => set.has(i.deviceId) && modelIds.has(i.luminaireModel ?? `(no model, ${i.cctK ?? '?'} K)`))
      .map((i) => i.deviceId);
  }

  /** What the validator and the preview need to know about a group. */
  async groupContext(tenant: string, groupId: string): Promise<GroupContext> {
    const [members, settings, inventory, desired, models] = await Promise.all([
      this.repo.groupMembers(tenant, groupId), this.store.getGroupSettings(tenant, groupId),
      this.repo.listInventory(tenant), this.repo.listDesired(tenant), this.store.listModels(tenant),
    ]);
    const memberSet = new Set(members);
    const inv = inventory.filter((i) => memberSet.has(i.deviceId));
    const modelById = new Map(models.map((m) => [m.id, m]));
    const tzCounts = new Map<string, number>();
    for (const d of desired) {
      if (!memberSet.has(d.deviceId)) continue;
      const tz = (d.config as StoredConfig | null)?.tz ?? DEFAULT_TZ;
      tzCounts.set(tz, (tzCounts.get(tz) ?? 0) + 1);
    }
    const tz = [...tzCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? DEFAULT_TZ;
    const placed = inv.filter((i) => i.lat != null && i.lon != null);
    // The group's site: the centroid of its poles (a town's poles differ by seconds of sunset).
    const site = placed.length
      ? { tz, lat: placed.reduce((s, i) => s + (i.lat as number), 0) / placed.length, lon: placed.reduce((s, i) => s + (i.lon as number), 0) / placed.length }
      : undefined;
    return {
      groupId, members, settings,
      rules: rulesOf(settings),
      site,
      models: modelFacts(inv, modelById),
      loads: loadsOf(inv, modelById),
    };
  }
}

export function rulesOf(s: GroupSettingsRow | undefined): GroupRules {
  return {
    category: (s?.category ?? 'a') as Category,
    zone: (s?.zone ?? 'ordinary') as Zone,
    activity: s?.opensAt && s.closesAt ? { opensAt: s.opensAt, closesAt: s.closesAt } : null,
  };
}

/** Models installed in a set of poles, with their counts: the catalogue's CCT/ULR, else the inventory's CCT. */
export function modelFacts(inv: readonly InventoryRow[], catalogue: ReadonlyMap<string, LuminaireModelRow>): ModelFacts[] {
  const out = new Map<string, ModelFacts>();
  for (const i of inv) {
    const id = i.luminaireModel ?? `(no model, ${i.cctK ?? '?'} K)`;
    const m = i.luminaireModel ? catalogue.get(i.luminaireModel) : undefined;
    const f = out.get(id) ?? { id, cctK: m?.cctK ?? i.cctK ?? null, ulrPct: m?.ulrPct ?? null, count: 0 };
    f.count++;
    out.set(id, f);
  }
  return [...out.values()];
}

/** Electrical loads of a set of poles: catalogue model if known, else the inventory's nominal power, linear. */
export function loadsOf(inv: readonly InventoryRow[], catalogue: ReadonlyMap<string, LuminaireModelRow>): LuminaireLoad[] {
  const out = new Map<string, LuminaireLoad>();
  for (const i of inv) {
    const m = i.luminaireModel ? catalogue.get(i.luminaireModel) : undefined;
    const nominalW = i.nominalPowerW ?? m?.nominalW ?? 0;
    const curve = m ? curveValue(m.curve) : LINEAR;
    const minLevel = m?.minLevel ?? 0;
    const key = `${nominalW}|${curve}|${minLevel}`;
    const l = out.get(key) ?? { nominalW, curve, minLevel, count: 0 };
    l.count++;
    out.set(key, l);
  }
  return [...out.values()];
}
