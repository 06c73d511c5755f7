/**
 * Where a commissioned controller goes in the inventory's model (db/inventory-repository.ts): which pole, which
 * luminaire on it, and whether its assignment changes. Read before the commissioning's transaction, written in it
 * (DrizzleRepository.commission).
 *
 * - The pole is the row's `poleId` (internal: a replacement names it), else its pole reference, else the pole the
 *   controller already serves, else `P-<device id>` (a light commissioned without a pole reference, as migration
 *   0015 named today's).
 * - On its current pole the controller keeps its luminaire (a correction: model, power, CCT updated). Elsewhere it
 *   takes a luminaire of the pole that no controller serves (a pole imported first, or whose controller was
 *   retired), else a new one; its assignment elsewhere ends as `moved`, and a generated pole `P-<device id>` it leaves
 *   is decommissioned with it (it stood for "no pole reference yet", not for a pole of the town).
 */
import type { PlacementWrite } from '../db/repository.js';
import type { InventoryRepository } from '../db/inventory-repository.js';
import type { InventoryInput } from '../devices/service.js';

/** The pole id of a light commissioned without a pole reference. */
export const generatedPoleId = (deviceId: string): string => `P-${deviceId}`;

export async function planPlacements(store: InventoryRepository, tenant: string, rows: readonly InventoryInput[], now: number): Promise<Map<string, PlacementWrite>> {
  const out = new Map<string, PlacementWrite>();
  if (rows.length === 0) return out;
  const open = await store.openAssignments(rows.map((r) => r.deviceId));
  const poleOf = (r: InventoryInput): string => r.poleId ?? r.poleRef ?? open.get(r.deviceId)?.poleId ?? generatedPoleId(r.deviceId);
  const poleIds = [...new Set(rows.map(poleOf))];
  const lums = await store.luminairesOf(tenant, poleIds);
  const busy = new Set((await store.assignmentsOfPoles(tenant, poleIds, true)).map((a) => a.luminaireId));
  const wantedIds = rows.map((r) => `L-${r.deviceId}`);
  const taken = await store.luminaireIdsTaken(tenant, wantedIds);
  const claimed = new Set<string>();
  for (const r of rows) {
    const pole = poleOf(r);
    const cur = open.get(r.deviceId);
    let lum: string;
    if (r.luminaireId !== undefined) lum = r.luminaireId;
    else if (cur && cur.poleId === pole) lum = cur.luminaireId;
    else {
      const free = lums.get(pole)?.find((l) => !busy.has(l.id) && !claimed.has(l.id));
      // Leaving its generated pole for a named one, the light keeps its luminaire (the same head, now on a named pole).
      const carried = cur && cur.poleId === generatedPoleId(r.deviceId) ? cur.luminaireId : undefined;
      lum = free?.id ?? carried ?? (taken.has(`L-${r.deviceId}`) || claimed.has(`L-${r.deviceId}`) ? `L-${r.deviceId}-${now.toString(36)}` : `L-${r.deviceId}`);
    }
    claimed.add(lum);
    const moved = cur !== undefined && (cur.luminaireId !== lum || cur.poleId !== pole);
    out.set(r.deviceId, {
      pole: {
        id: pole, lat: r.lat, lon: r.lon, street: r.street ?? null, heightM: r.heightM ?? null, cabinetId: r.cabinetId ?? null, circuitId: r.circuitId ?? null,
      },
      luminaire: { id: lum, modelId: r.luminaireModel ?? null, nominalPowerW: r.nominalPowerW ?? null, cctK: r.cctK ?? null, installedAt: r.installedAt ?? now },
      open: cur === undefined || moved,
      closeId: moved ? cur.id : undefined,
      dropPole: moved && cur.poleId !== pole && cur.poleId === generatedPoleId(r.deviceId) ? cur.poleId : undefined,
    });
  }
  return out;
}

/** A commissioning row whose position may come from the pole it names (the installer's page). */
export type RowOnPole = Omit<InventoryInput, 'lat' | 'lon'> & { lat?: number | undefined; lon?: number | undefined };

/**
 * Commissioning onto a pole the town has already (imported, or made on the pole page, without a controller): what
 * the row leaves out comes from the pole and its free luminaire — position, street (and the group it gives), the
 * luminaire's model, rated power and colour temperature — so the controller drives the luminaire the inventory
 * has. A controller already on that pole is a correction: its row stands as given. Rows naming no pole, or an
 * unknown one, are returned as they are (a row without a position then has none: the caller refuses it).
 */
export async function inheritFromPoles(store: InventoryRepository, tenant: string, rows: readonly RowOnPole[], groupOf: (street: string) => string): Promise<RowOnPole[]> {
  const named = rows.filter((r) => r.poleRef !== undefined && r.poleId === undefined);
  if (named.length === 0) return [...rows];
  const poleIds = [...new Set(named.map((r) => r.poleRef as string))];
  const [poles, lums, busy, open] = await Promise.all([
    store.getPoles(tenant, poleIds), store.luminairesOf(tenant, poleIds), store.assignmentsOfPoles(tenant, poleIds, true), store.openAssignments(named.map((r) => r.deviceId)),
  ]);
  const taken = new Set(busy.map((a) => a.luminaireId));
  return rows.map((r) => {
    const pole = r.poleRef !== undefined && r.poleId === undefined ? poles.get(r.poleRef) : undefined;
    if (!pole || pole.decommissionedAt !== null || open.get(r.deviceId)?.poleId === pole.id) return r;
    const lum = lums.get(pole.id)?.find((l) => !taken.has(l.id));
    if (lum) taken.add(lum.id);
    const out: RowOnPole = { ...r };
    if (out.lat === undefined && out.lon === undefined && pole.lat !== null && pole.lon !== null) { out.lat = pole.lat; out.lon = pole.lon; }
    if (out.group === undefined && pole.street) { const g = groupOf(pole.street); if (g) out.group = g; }
    if (lum) {
      out.luminaireModel ??= lum.modelId ?? undefined;
      out.nominalPowerW ??= lum.nominalPowerW ?? undefined;
      out.cctK ??= lum.cctK ?? undefined;
    }
    return out;
  });
}
