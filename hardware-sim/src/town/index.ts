/**
 * Demo town: poles every 25–35 m along real streets, one simulated board per pole.
 */
import { SimFleet, type FleetBoardOptions } from '../fleet.js';
import type { FirmwareFactory } from '../board.js';
import type { VirtualClock } from '../clock.js';
import { hash32, mulberry32 } from '../board.js';
import { LUMINAIRE_CATALOGUE, type LuminaireModel } from './catalogue.js';
import { SARLAT, type StreetDef, type TownDef } from './sarlat.js';

export * from './catalogue.js';
export * from './sarlat.js';

export const TOWNS: Readonly<Record<string, TownDef>> = { sarlat: SARLAT };

export interface TownPole {
  deviceId: string;
  poleRef: string;
  /** Street name: the group of the pole. */
  group: string;
  streetCode: string;
  /** 1-based index along the street. */
  index: number;
  lat: number;
  lon: number;
  luminaire: LuminaireModel;
  nominalW: number;
  installedOn: string;
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number): number => (d * Math.PI) / 180;

/** Local metric offsets (east, north) in m from a to b: equirectangular, exact enough over a few km. */
function toMetres(lat0: number, a: readonly [number, number], b: readonly [number, number]): [number, number] {
  const x = rad(b[1] - a[1]) * Math.cos(rad(lat0)) * EARTH_RADIUS_M;
  const y = rad(b[0] - a[0]) * EARTH_RADIUS_M;
  return [x, y];
}

/** Great-circle distance (m), haversine. */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h));
}

/** Poles along one street: spacing drawn in [25, 35] m from a PRNG seeded by the street code. */
export function polesAlong(town: TownDef, street: StreetDef): TownPole[] {
  const rand = mulberry32(hash32(`${town.slug}/${street.code}`));
  const luminaire = LUMINAIRE_CATALOGUE[street.luminaire];
  const lat0 = town.centre.lat;
  const poles: TownPole[] = [];
  let nextAt = 12 + rand() * 6; // first pole a few metres into the street
  let walked = 0;
  for (let i = 1; i < street.path.length; i++) {
    const a = street.path[i - 1] as readonly [number, number];
    const b = street.path[i] as readonly [number, number];
    const [dx, dy] = toMetres(lat0, a, b);
    const len = Math.hypot(dx, dy);
    while (nextAt <= walked + len) {
      const f = (nextAt - walked) / len;
      const n = poles.length + 1;
      // Avenues: alternate sides, 7 m from the axis; lanes: façade-mounted, 3 m on one side.
      const side = street.kind === 'avenue' ? (n % 2 === 0 ? 1 : -1) * 7 : 3;
      const ox = (-dy / len) * side;
      const oy = (dx / len) * side;
      const lat = a[0] + (b[0] - a[0]) * f + (oy / EARTH_RADIUS_M) * (180 / Math.PI);
      const lon = a[1] + (b[1] - a[1]) * f + (ox / (EARTH_RADIUS_M * Math.cos(rad(lat0)))) * (180 / Math.PI);
      const nnn = String(n).padStart(3, '0');
      poles.push({
        deviceId: `${town.idPrefix}-${street.code}-${nnn}`,
        poleRef: `${street.code}-P${nnn}`,
        group: street.name,
        streetCode: street.code,
        index: n,
        lat: round6(lat),
        lon: round6(lon),
        luminaire,
        nominalW: luminaire.nominalW,
        installedOn: street.installedOn,
      });
      nextAt += 25 + rand() * 10;
    }
    walked += len;
  }
  return poles;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function getTown(name = 'sarlat'): TownDef {
  const town = TOWNS[name.toLowerCase()] ?? Object.values(TOWNS).find((t) => t.name === name);
  if (town === undefined) throw new RangeError(`unknown town "${name}" (have: ${Object.keys(TOWNS).join(', ')})`);
  return town;
}

/** Every pole of the town, street by street, in a stable order. */
export function townInventory(name = 'sarlat'): TownPole[] {
  const town = getTown(name);
  return town.streets.flatMap((s) => polesAlong(town, s));
}

export interface CreateTownOptions {
  clock: VirtualClock;
  /** Broker of the identities the simulator makes (boards without `identity`). */
  broker: { host: string; port: number };
  /**
   * The provisioned identity of a pole's board (fleet server provisioning, issue 11), or undefined to let the
   * simulator make one (a test peer then plays the server with the simulator's key).
   */
  identity?: (deviceId: string) => Uint8Array | undefined;
  tenant: string;
  /** Default 'sarlat'. */
  town?: string;
  /** Take the first `count` poles (street by street). Default: all. */
  count?: number;
  /** Only these groups (street names or codes). */
  streets?: string[];
  firmware?: FirmwareFactory;
  /** Persist each board's flash under this directory. */
  dataDir?: string;
  /** Extra options for every board (pins, driver, rtc, link...). */
  boardDefaults?: Partial<FleetBoardOptions>;
}

/** A fleet of boards, one per pole of the town. Boards are created powered off: call `fleet.start()`. */
export function createTown(options: CreateTownOptions): SimFleet {
  let poles = townInventory(options.town ?? 'sarlat');
  if (options.streets) {
    const wanted = new Set(options.streets);
    poles = poles.filter((p) => wanted.has(p.group) || wanted.has(p.streetCode));
  }
  if (options.count !== undefined) {
    if (!Number.isInteger(options.count) || options.count < 0 || options.count > poles.length) {
      throw new RangeError(`count must be 0..${poles.length} for this town`);
    }
    poles = poles.slice(0, options.count);
  }
  const fleet = new SimFleet({
    clock: options.clock,
    ...(options.firmware ? { firmware: options.firmware } : {}),
    defaults: options.boardDefaults ?? {},
  });
  for (const p of poles) {
    const identity = options.identity?.(p.deviceId);
    fleet.add({
      ...(identity ? { identity } : {}),
      deviceId: p.deviceId,
      tenant: options.tenant,
      mqtt: { ...options.broker },
      nominalW: p.nominalW,
      position: { lat: p.lat, lon: p.lon },
      poleRef: p.poleRef,
      luminaireModel: p.luminaire.id,
      group: p.group,
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    });
  }
  return fleet;
}
