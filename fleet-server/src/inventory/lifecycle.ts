/**
 * A controller's life on a pole after its commissioning: replaced when it fails, decommissioned (with or without
 * its pole). The pole and its luminaire keep their identity and history; the controller that leaves is retired —
 * its assignment ends, its inventory row is marked retired (kept, so its past energy keeps its baseline), its group
 * memberships go, and its credentials are revoked through the same path as `device revoke` (the embedded broker
 * disconnects it; an external Mosquitto is told through the dynamic-security plugin when the servers' account is
 * configured). Energy and alarms stay keyed by controller: a pole's are read over its assignments (`poleEnergy`).
 */
import type { FastifyInstance } from 'fastify';
import { fleetError } from '../errors.js';
import { disableBrokerClient } from '../mqtt/dynsec.js';
import { localDay, parsePosixTz } from '../energy/calendar.js';
import type { InventoryRepository, AssignmentRow, PoleRow } from '../db/inventory-repository.js';
import type { InventoryRow } from '../db/repository.js';

/** What happened to a retired controller's credentials. */
export interface Revocation {
  deviceId: string;
  /** Its credentials were revoked now (false: it had none active, e.g. never provisioned or revoked already). */
  revoked: boolean;
  /** External Mosquitto only: `confirmed`, or why the broker was not told; absent with the embedded broker. */
  broker?: string;
}

export class InventoryLifecycle {
  constructor(private readonly app: FastifyInstance, private readonly store: InventoryRepository, private readonly invalidateMap: (tenant: string) => void) {}

  private now(): number { return this.app.fleet.now(); }

  async requirePole(tenant: string, poleId: string): Promise<PoleRow> {
    const pole = await this.store.getPole(tenant, poleId);
    if (!pole) throw fleetError('POLE_NOT_FOUND', { tenant, poleId });
    return pole;
  }

  /** Revokes a retired controller's credentials (frames, broker login) and tells an external broker. */
  private async revoke(deviceId: string): Promise<Revocation> {
    const revoked = await this.app.identities.revoke(deviceId);
    const c = this.app.fleet.config;
    if (!revoked || !c.mqttUrl || !c.mqttUsername || !c.mqttPassword) return { deviceId, revoked };
    const why = await disableBrokerClient({ url: c.mqttUrl, username: c.mqttUsername, password: c.mqttPassword }, deviceId);
    return { deviceId, revoked, broker: why ?? 'confirmed' };
  }

  /**
   * The controller serving a luminaire of `poleId` is replaced by `newDeviceId` (proved in hand by its claim code):
   * the new one takes the same pole, luminaire, position, group memberships and luminaire settings, its
   * configuration and its groups' plan at once; the old one is retired. Which luminaire: the old controller's when
   * named, else `luminaireId`, else the pole's only one.
   */
  async replaceController(tenant: string, poleId: string, req: { newDeviceId: string; claimCode: string; oldDeviceId?: string | undefined; luminaireId?: string | undefined }): Promise<{
    poleId: string; luminaireId: string; oldDeviceId: string | null; newDeviceId: string; revocation: Revocation | null; configsChanged: number; online: boolean;
  }> {
    const pole = await this.requirePole(tenant, poleId);
    if (pole.decommissionedAt !== null) throw fleetError('INVENTORY_CONFLICT', { reason: 'pole_decommissioned', poleId }, `Pole ${poleId} is decommissioned`);
    const open = await this.store.assignmentsOfPoles(tenant, [poleId], true);
    const lums = (await this.store.luminairesOf(tenant, [poleId])).get(poleId) ?? [];
    let target: { luminaireId: string; old: AssignmentRow | undefined };
    if (req.oldDeviceId !== undefined) {
      const old = open.find((a) => a.deviceId === req.oldDeviceId);
      if (!old) throw fleetError('INVENTORY_CONFLICT', { reason: 'not_on_pole', poleId, deviceId: req.oldDeviceId }, `Controller ${req.oldDeviceId} does not serve pole ${poleId}`);
      target = { luminaireId: old.luminaireId, old };
    } else if (req.luminaireId !== undefined) {
      if (!lums.some((l) => l.id === req.luminaireId)) throw fleetError('INVENTORY_CONFLICT', { reason: 'no_such_luminaire', poleId, luminaireId: req.luminaireId }, `Pole ${poleId} has no luminaire ${req.luminaireId}`);
      target = { luminaireId: req.luminaireId, old: open.find((a) => a.luminaireId === req.luminaireId) };
    } else if (lums.length === 1) {
      const only = lums[0]!;
      target = { luminaireId: only.id, old: open.find((a) => a.luminaireId === only.id) };
    } else {
      throw fleetError('INVENTORY_CONFLICT', { reason: lums.length ? 'several_luminaires' : 'no_luminaire', poleId, luminaires: lums.map((l) => l.id) },
        lums.length ? `Pole ${poleId} carries ${lums.length} luminaires: name the old controller or the luminaire` : `Pole ${poleId} carries no luminaire`);
    }
    const oldId = target.old?.deviceId ?? null;
    if (oldId === req.newDeviceId) throw fleetError('INVENTORY_CONFLICT', { reason: 'same_controller', deviceId: oldId }, 'The new controller is the one already on the pole');

    const verdict = await this.app.identities.checkClaim(tenant, req.newDeviceId, req.claimCode);
    if (verdict !== 'ok') throw fleetError('CLAIM_REFUSED', { reason: verdict === 'wrong_tenant' ? 'unknown_device' : verdict });
    const busy = (await this.store.openAssignments([req.newDeviceId])).get(req.newDeviceId);
    if (busy) throw fleetError('INVENTORY_CONFLICT', { reason: 'controller_in_service', deviceId: req.newDeviceId, poleId: busy.poleId }, `Controller ${req.newDeviceId} already serves pole ${busy.poleId}: decommission it there first`);

    const lum = lums.find((l) => l.id === target.luminaireId);
    const inv: InventoryRow | undefined = oldId ? await this.app.repo.getInventory(oldId) : undefined;
    const groups = oldId ? await this.store.groupsOf(tenant, oldId) : [];
    const lat = inv?.lat ?? pole.lat;
    const lon = inv?.lon ?? pole.lon;
    if (lat === null || lon === null) throw fleetError('INVENTORY_CONFLICT', { reason: 'no_position', poleId }, `Pole ${poleId} has no position: set it first`);
    const now = this.now();
    if (oldId) await this.store.retire(tenant, [{ deviceId: oldId, reason: 'replaced', replacedBy: req.newDeviceId }], now);
    let res: { configsChanged: number };
    let revocation: Revocation | null = null;
    try {
      res = await this.app.devices.commission(tenant, [{
        deviceId: req.newDeviceId, poleId, luminaireId: target.luminaireId, poleRef: inv?.poleRef ?? poleId, lat, lon,
        group: inv?.groupId ?? undefined, luminaireModel: lum?.modelId ?? inv?.luminaireModel ?? undefined,
        nominalPowerW: lum?.nominalPowerW ?? inv?.nominalPowerW ?? undefined, cctK: lum?.cctK ?? inv?.cctK ?? undefined,
      }]);
      // Memberships beyond the inventory's group (added in the list or on the map) follow the pole too.
      await this.store.addMemberships(tenant, req.newDeviceId, groups.filter((g) => g !== inv?.groupId));
      await this.app.identities.repo.markClaimed(req.newDeviceId, now);
    } finally {
      // The old controller is off the pole once retired: revoked even when the new one's commissioning failed (the
      // installer tries again; the pole's luminaire, now without controller, takes it).
      if (oldId) revocation = await this.revoke(oldId);
    }
    this.invalidateMap(tenant);
    await this.app.plans.apply(tenant); // the groups' plan, at once
    // No group of the pole assigns a plan: the new controller takes the plan the old one was given (a group's or its
    // own `PUT …/plan`), and an override still running, so the lamp does what it did.
    const [mine, before] = await Promise.all([this.app.repo.getDesired(req.newDeviceId), oldId ? this.app.repo.getDesired(oldId) : undefined]);
    if (before && mine) {
      const patch = {
        ...(!mine.planId && before.planId ? { planId: before.planId, planVersion: before.planVersion } : {}),
        ...(!mine.overrideId && before.overrideId && before.overrideExpiresAt > Math.floor(now / 1000)
          ? { overrideId: before.overrideId, overrideLevel: before.overrideLevel, overrideExpiresAt: before.overrideExpiresAt, overrideFadeS: before.overrideFadeS } : {}),
      };
      if (Object.keys(patch).length) {
        await this.app.repo.setDesired(tenant, [req.newDeviceId], patch, now);
        await this.app.devices.push(req.newDeviceId);
      }
    }
    const device = await this.app.repo.getDevice(req.newDeviceId);
    return { poleId, luminaireId: target.luminaireId, oldDeviceId: oldId, newDeviceId: req.newDeviceId, revocation, configsChanged: res.configsChanged, online: device?.online ?? false };
  }

  /** A controller leaves service for good (kept in the history): assignment ended, retired, credentials revoked. */
  async decommissionController(tenant: string, deviceId: string): Promise<{ deviceId: string; poleId: string | null; revocation: Revocation }> {
    const owners = await this.app.repo.deviceTenants([deviceId]);
    const provisioned = await this.app.identities.repo.tenantsOf([deviceId]);
    if ((owners.get(deviceId) ?? provisioned.get(deviceId)) !== tenant) throw fleetError('DEVICE_NOT_FOUND', { tenant, deviceId });
    const inv = await this.app.repo.getInventory(deviceId);
    if (inv?.retiredAt != null) throw fleetError('INVENTORY_CONFLICT', { reason: 'already_retired', deviceId }, `Controller ${deviceId} is already out of service`);
    const open = (await this.store.openAssignments([deviceId])).get(deviceId);
    const now = this.now();
    if (inv) await this.store.retire(tenant, [{ deviceId, reason: 'decommissioned' }], now);
    else await this.store.retireUncommissioned(tenant, deviceId, now);
    const revocation = await this.revoke(deviceId);
    this.invalidateMap(tenant);
    return { deviceId, poleId: open?.poleId ?? null, revocation };
  }

  /** A pole leaves service (kept in the history): its luminaires removed, its controllers retired and revoked. */
  async decommissionPole(tenant: string, poleId: string): Promise<{ poleId: string; controllers: Revocation[] }> {
    const pole = await this.requirePole(tenant, poleId);
    if (pole.decommissionedAt !== null) throw fleetError('INVENTORY_CONFLICT', { reason: 'pole_decommissioned', poleId }, `Pole ${poleId} is already decommissioned`);
    const open = await this.store.assignmentsOfPoles(tenant, [poleId], true);
    await this.store.retire(tenant, open.map((a) => ({ deviceId: a.deviceId, reason: 'pole_decommissioned' as const })), this.now(), { id: poleId, decommission: true });
    const controllers: Revocation[] = [];
    for (const a of open) controllers.push(await this.revoke(a.deviceId));
    this.invalidateMap(tenant);
    return { poleId, controllers };
  }

  /**
   * A pole's daily energy over its history: each controller's days while it served the pole (local days of the
   * town, the first and last day of an assignment included: a controller's energy on the pole only).
   */
  async poleEnergy(tenant: string, poleId: string, fromDay: string, toDay: string): Promise<{
    days: Array<{ day: string; deviceId: string; energyWh: number; burningS: number; records: number }>; totalWh: number;
  }> {
    await this.requirePole(tenant, poleId);
    const tz = parsePosixTz((await this.app.energy.settings(tenant)).tz);
    const history = await this.store.assignmentsOfPoles(tenant, [poleId]);
    const days: Array<{ day: string; deviceId: string; energyWh: number; burningS: number; records: number }> = [];
    for (const a of history) {
      const from = localDay(tz, Math.floor(a.fromAt / 1000));
      const to = a.toAt === null ? toDay : localDay(tz, Math.floor(a.toAt / 1000));
      const lo = from > fromDay ? from : fromDay;
      const hi = to < toDay ? to : toDay;
      if (lo > hi) continue;
      for (const d of await this.store.energyDays(tenant, a.deviceId, lo, hi)) {
        days.push({ day: d.day, deviceId: a.deviceId, energyWh: d.energyMwh / 1000, burningS: d.burningS, records: d.records });
      }
    }
    days.sort((x, y) => x.day.localeCompare(y.day) || x.deviceId.localeCompare(y.deviceId));
    return { days, totalWh: days.reduce((s, d) => s + d.energyWh, 0) };
  }

  /** A pole's alarms over its history: each controller's alarms raised while it served the pole. */
  async poleAlarms(tenant: string, poleId: string): Promise<Array<{ id: number; deviceId: string; type: string; severity: string; state: string; raisedAt: number; clearedAt: number | null }>> {
    await this.requirePole(tenant, poleId);
    const out = [];
    for (const a of await this.store.assignmentsOfPoles(tenant, [poleId])) {
      for (const al of await this.store.alarmsOf(tenant, a.deviceId, a.fromAt, a.toAt)) {
        out.push({ id: al.id, deviceId: al.deviceId, type: al.type, severity: al.severity, state: al.state, raisedAt: al.raisedAt, clearedAt: al.clearedAt });
      }
    }
    return out.sort((x, y) => y.raisedAt - x.raisedAt);
  }
}
