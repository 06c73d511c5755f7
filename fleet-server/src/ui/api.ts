/** Calls to the fleet server's REST API: same origin, session cookie, CSRF token on writes (see docs/auth.md). */

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrf = (t: string): void => { csrfToken = t; };

/** Fired when the server says the session is gone; the shell shows the login page. */
export const UNAUTHENTICATED = 'sl-unauthenticated';

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  const data = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) as unknown : text;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401 && e.code !== 'SL_BAD_CREDENTIALS') window.dispatchEvent(new Event(UNAUTHENTICATED));
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

export const get = <T>(path: string): Promise<T> => api<T>('GET', path);

/** POSTs a file's bytes as they are (the inventory import): same session, CSRF and errors as `api`. */
export async function upload<T>(path: string, bytes: ArrayBuffer, contentType: string): Promise<T> {
  const res = await fetch(path, { method: 'POST', headers: { accept: 'application/json', 'content-type': contentType, 'x-csrf-token': csrfToken }, credentials: 'same-origin', body: bytes });
  const text = await res.text();
  const data = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) as unknown : text;
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    if (res.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED));
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return data as T;
}

/** A page of the device list (issue 14): the lights, the total matching the filters, the next page's cursor. */
export interface DevicePage { devices: Device[]; total: number; next: string | null }
export async function getDevicePage(tenant: string, params: Record<string, string | undefined>): Promise<DevicePage> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const res = await fetch(tp(tenant, `/devices?${q}`), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  const data = await res.json() as unknown;
  if (!res.ok) {
    const e = data as { code?: string; message?: string; details?: unknown };
    if (res.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED));
    throw new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, e.details);
  }
  return { devices: data as Device[], total: Number(res.headers.get('x-total-count') ?? 0), next: res.headers.get('x-next-cursor') };
}

/** Ids of every light matching a filter, a page of 1,000 at a time, at most `max`. */
export async function matchingIds(tenant: string, params: Record<string, string | undefined>, max = 10_000): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const p = await getDevicePage(tenant, { ...params, limit: '1000', cursor });
    out.push(...p.devices.map((d) => d.id));
    cursor = p.next ?? undefined;
  } while (cursor && out.length < max);
  return out.slice(0, max);
}

/** Tenant-scoped path. */
export const tp = (tenant: string, rest: string): string => `/api/tenants/${encodeURIComponent(tenant)}${rest}`;

// ---- shapes of the API replies the UI uses (see /api/openapi.json)

export type Role = 'viewer' | 'installer' | 'manager' | 'admin';
export interface TenantInfo { tenantId: string; name: string; kind: 'town' | 'syndicate'; parentId: string | null; role: Role }
export interface Me { user: { id: number; email: string; name: string; locale: string | null; platformRole: Role | null }; csrfToken: string; tenants: TenantInfo[] }

export interface Device {
  id: string; tenant: string; registered: boolean; online: boolean; firstSeen: string | null; lastSeen: string | null;
  hardwareModel: string | null; firmwareVersion: string | null; groups: string[];
  inventory: { poleRef: string | null; lat: number | null; lon: number | null; group: string | null; luminaireModel: string | null; nominalPowerW: number | null; cctK: number | null; installedAt: string | null } | null;
  reported: { level: number | null; targetLevel: number | null; levelSource: string | null; configVersion: number | null; plan: { id: number; version: number } | null; overrideId: number | null; overrideExpiresAt: string | null; clock: string | null; powerMw: number | null; uptimeS: number | null; at: string | null } | null;
  /** The active OTA campaign updating the light now, else null (absent on servers before issue 7's wiring). */
  ota?: { campaignId: number; campaignName: string; state: 'offered' | 'downloading' | 'verifying' | 'installing' | 'rebooting'; progressPct: number } | null;
  /** The light's state as the server decides it (issue 14; absent on older servers). */
  state?: 'on' | 'dim' | 'off' | 'fault' | 'offline' | 'updating' | 'unknown';
}
export type StateCounts = Record<'on' | 'dim' | 'off' | 'fault' | 'offline' | 'updating' | 'unknown', number>;
/** GET …/map (issue 14): points when few lights are in view, else clusters. */
export interface MapData {
  asOf: string; zoom: number; lights: number; states: StateCounts; extent: [number, number, number, number] | null; inView: number;
  mode: 'points' | 'clusters';
  points: Array<{ id: string; lat: number; lon: number; state: keyof StateCounts; level: number }>;
  clusters: Array<{ lat: number; lon: number; lights: number; states: StateCounts }>;
}
export interface DeviceStats { total: number; states: StateCounts; firmware: Array<{ version: string | null; lights: number }> }
export interface DeviceDetail extends Device {
  bootCount: number | null; lastResetReason: number | null; lastUplinkSeq: number | null;
  desired: { configVersion: number; config: Record<string, unknown> | null; plan: { id: number; version: number } | null; override: { id: number; level: number; expiresAt: string; fadeS: number; active: boolean } | null } | null;
  downlinks: Array<{ seq: number; kind: string; summary: string; sentAt: string; ackStatus: string; ackDetail: string | null; ackedAt: string | null }>;
  events: Array<{ eventSeq: number; type: string; active: boolean; time: string | null; value: number; detail: string; receivedAt: string }>;
}
export interface StateRow { at: string; level: number; targetLevel: number; levelSource: string; powerMw: number; reason: number }
export interface Group { id: string; memberCount: number; createdAt: string }

export type Anchor = 'sunset' | 'sunrise' | 'clock' | 'civil_dusk' | 'civil_dawn';
export interface Step { anchor: Anchor; offsetMin: number; level: number; fadeS: number; presence?: { baseLevel: number; holdS: number; fadeUpS: number; fadeDownS: number; anticipatePct?: number; prelightLevel?: number } }
export interface PlanDraft { programs: Array<{ id: number; steps: Step[] }>; rules: Array<{ programId: number; weekdays?: number | string[]; dates?: string[]; priority?: number; sets?: string[]; name?: string }>; defaultProgramId: number }
export interface PlanSummary { planId: number; name: string; description: string | null; latestVersion: number; groups: string[]; createdAt: string; updatedAt: string }
export interface Finding { severity: 'error' | 'warning' | 'info'; code: string; article: string; message: { fr: string; en: string }; ref?: { programId?: number; step?: number; night?: string; nights?: number } }
export interface Validation { ok: boolean; errors: number; warnings: number; findings: Finding[]; period: { from: string; nights: number } }
export interface Preview {
  luminaires: number; energyKwh: number; baselineKwh: number; savedKwh: number; savedPct: number;
  nights: Array<{ date: string; sunset: string | null; sunrise: string | null; samples: Array<{ at: string; level: number; raised?: number }>; litHours: number; energyKwh: number; baselineKwh: number; presenceHours: number; raisedHours: number }>;
  presence?: { steps: boolean; traffic: 'given' | 'default_residential' };
}
/** Issue 17, constant light output reported by a light (GET …/devices/:id/clo) and by the town (GET …/clo). */
export interface CloStatus { deviceId: string; receivedAt: string; drivePct: number; ledHours: number; savedKwh: number }
export interface TenantClo { lights: number; savedKwh: number; meanDrivePct: number | null; devices: CloStatus[] }
export interface GroupSettings { groupId: string; category: string; zone: string; activity: { opensAt: string; closesAt: string } | null; planId: number | null; priority: number; members: number }
export interface Alarm { id: number; deviceId: string; type: string; severity: string; state: 'open' | 'acknowledged' | 'assigned' | 'intervened' | 'cleared'; raisedAt: string; lastEventAt: string; value: number; detail: string; acknowledgedAt: string | null; acknowledgedBy: string | null; clearedAt: string | null }
export interface ReportRow { key: string; period: string; energyKwh: number; burningHours: number; averageLevelPct: number | null; baselineKwh: number; savedKwh: number; savedPct: number | null; costEur: number; moneySavedEur: number; co2Kg: number; co2AvoidedKg: number; devices: number }
export interface Report { from: string; to: string; bucket: string; by: string; rows: ReportRow[]; total: ReportRow; settings: { tariffEurPerKwh: number; emissionGPerKwh: number } }

/** Whether the server has a route (other areas land over time): OpenAPI paths, fetched once. */
let paths: Promise<Set<string>> | undefined;
export function hasRoute(path: string): Promise<boolean> {
  paths ??= get<{ paths: Record<string, unknown> }>('/api/openapi.json').then((d) => new Set(Object.keys(d.paths))).catch(() => new Set<string>());
  return paths.then((p) => p.has(path));
}
