/**
 * Reads of a tenant's lights at scale (issue 14): the device list as keyset pages filtered in SQL, its totals and
 * facets, the rows behind the map, and one device's memberships. Built on the same DialectAdapter as the main
 * repository; the same SQL runs on SQLite and PostgreSQL.
 *
 * A tenant's lights are its registered devices (`devices`, with their inventory row of the same tenant when
 * commissioned) and its commissioned lights that never connected (`inventory` rows with no registered device of
 * the tenant). Each page is one statement: the two sets as two sub-selects, each ordered by the page's key and
 * cut at the page size on its own (so each runs as an index range scan that stops early: `devices (tenant_id,
 * id)`, `inventory (tenant_id, device_id)`, migration 0010), merged by the outer ORDER BY … LIMIT.
 *
 * The state of a light, one of LIGHT_STATES, is the UI's (src/ui/state.ts), decided in this order: `unknown`
 * (never connected), `updating` (an active OTA campaign is updating it: given by the caller, the campaigns live in
 * the OTA service), `fault` (an alarm not cleared: open or acknowledged — acknowledged is not solved), `offline`, then by the reported level `off` (≤ 0), `on` (≥ 100) or
 * `dim`. As a filter each state is written as plain conditions on columns (not as the CASE expression), so that
 * PostgreSQL estimates their selectivity from column statistics and keeps the ordered index scan for a page.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DialectAdapter, Db } from './drizzle-repository.js';

export const LIGHT_STATES = ['on', 'dim', 'off', 'fault', 'offline', 'updating', 'unknown'] as const;
export type LightState = (typeof LIGHT_STATES)[number];

/** Sort keys of the device list: the id (default), the reported level or the last time seen; `-` = descending. */
export const DEVICE_SORTS = ['id', 'level', '-level', 'lastSeen', '-lastSeen'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export interface DeviceFilter {
  /** Members of this group. */
  group?: string | undefined;
  /** Lights in any of these states. */
  states?: readonly LightState[] | undefined;
  /** Lights with an alarm of this type not cleared (open or acknowledged) (`any`: of any type). */
  alarm?: string | undefined;
  /** Lights reporting one of these firmware versions. */
  firmware?: readonly string[] | undefined;
  /** Case-insensitive substring of the id, the pole reference or a group (street) the light belongs to. */
  q?: string | undefined;
  online?: boolean | undefined;
  /** An active OTA campaign is updating the light (or not). */
  updating?: boolean | undefined;
  /** Commissioned position inside [west, south, east, north] (degrees). */
  bbox?: readonly [number, number, number, number] | undefined;
  /** Lights among these ids (what `resolveSearch` turns a text search into). */
  ids?: readonly string[] | undefined;
}

/** A text search matching at most this many lights is resolved to their ids first (`resolveSearch`). */
export const SEARCH_HITS_MAX = 5000;

/** Where a page starts: after this light in the page's order (`value` is the sort key's value; absent for `id`). */
export interface PageAfter { id: string; value?: number | undefined }

/** One light of a page: its device row (registered ones), inventory row (commissioned ones) and state. */
export interface ListedLight {
  id: string;
  registered: boolean;
  state: LightState;
  device: {
    online: boolean; firstSeen: number; lastSeen: number; hardwareModel: string | null; firmwareVersion: string | null;
    level: number | null; targetLevel: number | null; levelSource: number | null; configVersion: number | null;
    planId: number | null; planVersion: number | null; overrideId: number | null; overrideExpiresAt: number | null;
    clockStatus: number | null; powerMw: number | null; uptimeS: number | null; stateAt: number | null;
  } | null;
  inventory: {
    poleRef: string | null; lat: number | null; lon: number | null; groupId: string | null; luminaireModel: string | null;
    nominalPowerW: number | null; cctK: number | null; installedAt: number;
  } | null;
  /** The sort key's value (`level`, `lastSeen`: -1 when unknown), for the next page's cursor. */
  sortValue: number;
}

/** A light on the map: position, state and level (0 when unknown), its pole reference and street (for the map's streets and search). */
export interface MapRow { id: string; lat: number; lon: number; state: LightState; level: number; registered: boolean; poleRef: string | null; street: string | null }

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';

export class DeviceQueryRepository {
  private readonly db: Db;
  readonly dialect: 'sqlite' | 'postgres';

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.dialect = adapter.dialect;
  }

  /** Runs a query (on PostgreSQL without JIT, for the whole pool: db/pg.ts; whole-town counts and facets were its victims). */
  private async rows(query: SQL): Promise<Row[]> {
    if (this.dialect === 'sqlite') return (this.db as unknown as { all(q: SQL): Row[] }).all(query);
    return (await (this.db as unknown as { execute(q: SQL): Promise<{ rows: Row[] }> }).execute(query)).rows;
  }

  /** `column in (the given ids)`, the ids as one JSON array parameter (any number of them). */
  private inIds(column: SQL, ids: readonly string[]): SQL {
    if (ids.length === 0) return sql`1 = 0`;
    return this.dialect === 'sqlite'
      ? sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`
      : sql`${column} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`;
  }

  /** The state of a registered device (alias d), as text. */
  private stateExpr(tenantId: string, updating: readonly string[]): SQL {
    const u = updating.length ? sql`when ${this.inIds(sql`d.id`, updating)} then 'updating' ` : sql``;
    return sql`(case ${u}when d.id in (select a.device_id from alarms a where a.tenant_id = ${tenantId} and a.state <> 'cleared') then 'fault'
      when not d.online then 'offline' when coalesce(d.level, 0) <= 0 then 'off' when d.level >= 100 then 'on' else 'dim' end)`;
  }

  /**
   * Conditions on a registered device (alias d) for a set of states; undefined = no condition. Written as an OR of
   * terms each led by conditions on indexed columns (`online = …`, a `level` range: the (tenant, online, level, id)
   * and (tenant, firmware, online, level, id) indexes, migration 0013; `id in (…)`: the primary key), so that a
   * rare state is read by index ranges (SQLite's multi-index OR, PostgreSQL's BitmapOr) and a total is counted from
   * the index alone; the alarm and OTA exclusions come last, evaluated only on the rows the columns let through.
   * The lit states (on, dim, off) of online lights are one term: one index range for adjacent levels.
   */
  private statePredicate(tenantId: string, states: readonly LightState[], updating: readonly string[]): SQL | undefined {
    const want = new Set(states);
    const registered: LightState[] = ['on', 'dim', 'off', 'fault', 'offline', 'updating'];
    if (registered.every((s) => want.has(s))) return undefined;
    const [yes, no] = this.dialect === 'sqlite' ? [sql.raw('1'), sql.raw('0')] : [sql.raw('true'), sql.raw('false')];
    const U = this.inIds(sql`d.id`, updating);
    const F = sql`d.id in (select a.device_id from alarms a where a.tenant_id = ${tenantId} and a.state <> 'cleared')`;
    const notUF = updating.length ? sql` and not ${U} and not ${F}` : sql` and not ${F}`;
    const parts: SQL[] = [];
    if (want.has('updating') && updating.length) parts.push(U);
    if (want.has('fault')) parts.push(updating.length ? sql`(${F} and not ${U})` : F);
    if (want.has('offline')) parts.push(sql`(d.online = ${no}${notUF})`);
    const off = want.has('off'); const dim = want.has('dim'); const on = want.has('on');
    if (off || dim || on) {
      // The level conditions of the lit states wanted (off: ≤ 0 or unknown; dim: 0 < level < 100; on: ≥ 100).
      const level = off && dim && on ? undefined
        : dim && on ? sql`d.level > 0`
          : off && dim ? sql`(d.level < 100 or d.level is null)`
            : off && on ? sql`(d.level <= 0 or d.level is null or d.level >= 100)`
              : off ? sql`(d.level <= 0 or d.level is null)` : dim ? sql`d.level > 0 and d.level < 100` : sql`d.level >= 100`;
      parts.push(sql`(d.online = ${yes}${level ? sql` and ${level}` : sql``}${notUF})`);
    }
    return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`1 = 0`;
  }

  /**
   * The WHERE conditions of both sets for a filter: `reg` for registered devices (aliases d, i), `inv` for lights
   * only commissioned (alias i), or undefined when the filter excludes that set; `inventory`: whether `reg` reads
   * the inventory row (the count then joins it).
   */
  private conditions(tenantId: string, f: DeviceFilter, updating: readonly string[]): { reg: SQL[] | undefined; inv: SQL[] | undefined; inventory: boolean } {
    // Retired controllers (replaced or decommissioned, migration 0015) stay in the tables for their history and are
    // left out here: a town has few, read once (a hashed subplan / SQLite's ephemeral index), so the index-only
    // scans and counts of issue 14 keep reading no device row.
    const reg: SQL[] = [sql`d.tenant_id = ${tenantId}`, this.notRetired(tenantId, sql`d.id`)];
    let inv: SQL[] | undefined = [sql`i.tenant_id = ${tenantId}`, sql`i.retired_at is null`,
      sql`not exists (select 1 from devices d2 where d2.id = i.device_id and d2.tenant_id = ${tenantId})`];
    let inventory = false;
    const both = (r: SQL, n: SQL): void => { reg.push(r); inv?.push(n); };
    if (f.group !== undefined) {
      const members = (col: SQL) => sql`${col} in (select gm.device_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id = ${f.group})`;
      both(members(sql`d.id`), members(sql`i.device_id`));
    }
    if (f.states) {
      const p = this.statePredicate(tenantId, f.states, updating);
      if (p) reg.push(p);
      if (!f.states.includes('unknown')) inv = undefined;
    }
    if (f.alarm !== undefined) {
      const type = f.alarm === 'any' ? sql`` : sql` and a.type = ${f.alarm}`;
      const open = (col: SQL) => sql`${col} in (select a.device_id from alarms a where a.tenant_id = ${tenantId} and a.state <> 'cleared'${type})`;
      both(open(sql`d.id`), open(sql`i.device_id`));
    }
    if (f.firmware) {
      reg.push(f.firmware.length ? sql`d.firmware_version in (${sql.join(f.firmware.map((v) => sql`${v}`), sql`, `)})` : sql`1 = 0`);
      inv = undefined;
    }
    if (f.online !== undefined) {
      reg.push(f.online ? sql`d.online` : sql`not d.online`);
      if (f.online) inv = undefined;
    }
    if (f.updating !== undefined) {
      reg.push(f.updating ? this.inIds(sql`d.id`, updating) : sql`not ${this.inIds(sql`d.id`, updating)}`);
      if (f.updating) inv = undefined;
    }
    if (f.ids !== undefined) both(this.inIds(sql`d.id`, f.ids), this.inIds(sql`i.device_id`, f.ids));
    if (f.q !== undefined && f.q.trim() !== '') {
      // Case-insensitive substring: SQLite's LIKE ignores ASCII case, PostgreSQL has ILIKE. Groups are matched by
      // name first (a tenant has few), then their members through the membership primary key.
      const { like } = this.like(f.q);
      const inGroup = (col: SQL) => sql`${col} in (select gm.device_id from group_members gm where gm.tenant_id = ${tenantId}
        and gm.group_id in (select g.id from groups g where g.tenant_id = ${tenantId} and ${like(sql`g.id`)}))`;
      both(sql`(${like(sql`d.id`)} or ${like(sql`i.pole_ref`)} or ${inGroup(sql`d.id`)})`,
        sql`(${like(sql`i.device_id`)} or ${like(sql`i.pole_ref`)} or ${inGroup(sql`i.device_id`)})`);
      inventory = true;
    }
    if (f.bbox) {
      const [w, s, e, n] = f.bbox;
      const inside = sql`i.lat >= ${s} and i.lat <= ${n} and i.lon >= ${w} and i.lon <= ${e}`;
      both(inside, inside);
      inventory = true;
    }
    return { reg, inv, inventory };
  }

  /** The id column is not a retired controller of the tenant. */
  private notRetired(tenantId: string, col: SQL): SQL {
    return sql`${col} not in (select r.device_id from inventory r where r.tenant_id = ${tenantId} and r.retired_at is not null)`;
  }

  /** A case-insensitive substring condition for a search text (SQLite's LIKE ignores ASCII case; PostgreSQL: ILIKE). */
  private like(q: string): { pattern: string; like: (col: SQL) => SQL } {
    const pattern = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const op = sql.raw(this.dialect === 'sqlite' ? 'like' : 'ilike');
    return { pattern, like: (col: SQL) => sql`${col} ${op} ${pattern} escape '\\'` };
  }

  /**
   * A filter's text search (`q`) turned into the ids of the lights it matches (`ids`), read once: the town's
   * commissioned lights by id or pole reference, its registered devices by id, and the members of the groups whose
   * name matches — each a scan of one table or index of the town, instead of the search evaluated on every row of
   * every arm of the page and of its count (and their joins). A search matching more than SEARCH_HITS_MAX lights
   * (a very short text) stays a condition in SQL.
   */
  async resolveSearch(tenantId: string, f: DeviceFilter): Promise<DeviceFilter> {
    if (f.q === undefined || f.q.trim() === '') return f;
    const { like } = this.like(f.q);
    const rows = await this.rows(sql`select i.device_id as id from inventory i where i.tenant_id = ${tenantId} and (${like(sql`i.device_id`)} or ${like(sql`i.pole_ref`)})
      union select d.id as id from devices d where d.tenant_id = ${tenantId} and ${like(sql`d.id`)}
      union select gm.device_id as id from group_members gm where gm.tenant_id = ${tenantId}
        and gm.group_id in (select g.id from groups g where g.tenant_id = ${tenantId} and ${like(sql`g.id`)})
      limit ${SEARCH_HITS_MAX + 1}`);
    if (rows.length > SEARCH_HITS_MAX) return f;
    return { ...f, q: undefined, ids: rows.map((r) => String(r.id)) };
  }

  /** The sort key of each set, and the direction. */
  private sortKey(sort: DeviceSort): { reg: SQL; inv: SQL; desc: boolean; byId: boolean } {
    const desc = sort.startsWith('-');
    switch (sort.replace('-', '')) {
      case 'level': return { reg: sql`coalesce(d.level, -1)`, inv: sql`cast(-1 as bigint)`, desc, byId: false };
      case 'lastSeen': return { reg: sql`coalesce(d.last_seen, -1)`, inv: sql`cast(-1 as bigint)`, desc, byId: false };
      default: return { reg: sql`0`, inv: sql`0`, desc: false, byId: true };
    }
  }

  /**
   * One page of a tenant's lights: at most `limit` after `after`, in the sort's order (ties by id), and whether
   * more follow. `updating`: ids of the lights an active OTA campaign is updating.
   */
  async page(tenantId: string, f: DeviceFilter, sort: DeviceSort, after: PageAfter | undefined, limit: number, updating: readonly string[]): Promise<{ lights: ListedLight[]; more: boolean }> {
    const c = this.conditions(tenantId, f, updating);
    const k = this.sortKey(sort);
    const n = limit + 1;
    const seek = (key: SQL, id: SQL): SQL | undefined => {
      if (!after) return undefined;
      if (k.byId) return sql`${id} > ${after.id}`;
      const v = sql`cast(${after.value ?? -1} as bigint)`; // ms since the epoch: past int4, which PostgreSQL would infer
      return sql`(${key} ${sql.raw(k.desc ? '<' : '>')} ${v} or (${key} = ${v} and ${id} > ${after.id}))`;
    };
    // Commissioned-only lights have no sort value (-1 for all): their set is ordered by id alone.
    const order = (key: SQL | undefined, id: SQL): SQL => (k.byId || !key ? sql`${id}` : sql`${key} ${sql.raw(k.desc ? 'desc' : 'asc')}, ${id}`);
    const arms: SQL[] = [];
    if (c.reg) {
      // The page's ids first (an index range, and on a rare state a sort of ids only), then their rows and inventory.
      const where = [...c.reg, ...[seek(k.reg, sql`d.id`)].filter((x): x is SQL => !!x)];
      arms.push(sql`select * from (select d.id as id, 1 as registered, ${this.stateExpr(tenantId, updating)} as state, ${k.reg} as sort_value,
          d.online as online, d.first_seen as first_seen, d.last_seen as last_seen, d.hardware_model as hardware_model, d.firmware_version as firmware_version,
          d.level as level, d.target_level as target_level, d.level_source as level_source, d.config_version as config_version, d.plan_id as plan_id,
          d.plan_version as plan_version, d.override_id as override_id, d.override_expires_at as override_expires_at, d.clock_status as clock_status,
          d.power_mw as power_mw, d.uptime_s as uptime_s, d.state_at as state_at,
          i.device_id as inv_id, i.pole_ref as pole_ref, i.lat as lat, i.lon as lon, i.group_id as group_id, i.luminaire_model as luminaire_model,
          i.nominal_power_w as nominal_power_w, i.cct_k as cct_k, i.installed_at as installed_at
        from (select d.id as kid from devices d${c.inventory ? sql` left join inventory i on i.device_id = d.id and i.tenant_id = d.tenant_id` : sql``}
          where ${sql.join(where, sql` and `)} order by ${order(k.reg, sql`d.id`)} limit ${n}) k
        join devices d on d.id = k.kid left join inventory i on i.device_id = d.id and i.tenant_id = d.tenant_id) reg`);
    }
    if (c.inv) {
      const where = [...c.inv, ...[seek(k.inv, sql`i.device_id`)].filter((x): x is SQL => !!x)];
      const nullInt = sql`cast(null as bigint)`;
      const nullText = sql`cast(null as text)`;
      arms.push(sql`select * from (select i.device_id as id, 0 as registered, 'unknown' as state, ${k.inv} as sort_value,
          false as online, ${nullInt} as first_seen, ${nullInt} as last_seen, ${nullText} as hardware_model, ${nullText} as firmware_version,
          ${nullInt} as level, ${nullInt} as target_level, ${nullInt} as level_source, ${nullInt} as config_version, ${nullInt} as plan_id,
          ${nullInt} as plan_version, ${nullInt} as override_id, ${nullInt} as override_expires_at, ${nullInt} as clock_status,
          ${nullInt} as power_mw, ${nullInt} as uptime_s, ${nullInt} as state_at,
          i.device_id as inv_id, i.pole_ref as pole_ref, i.lat as lat, i.lon as lon, i.group_id as group_id, i.luminaire_model as luminaire_model,
          i.nominal_power_w as nominal_power_w, i.cct_k as cct_k, i.installed_at as installed_at
        from inventory i where ${sql.join(where, sql` and `)} order by ${order(undefined, sql`i.device_id`)} limit ${n}) inv`);
    }
    if (arms.length === 0) return { lights: [], more: false };
    const outer = k.byId ? sql`id` : sql`sort_value ${sql.raw(k.desc ? 'desc' : 'asc')}, id`;
    const rows = await this.rows(sql`${sql.join(arms, sql` union all `)} order by ${outer} limit ${n}`);
    const lights = rows.slice(0, limit).map(toListed);
    return { lights, more: rows.length > limit };
  }

  /** How many lights of a tenant match a filter. */
  async count(tenantId: string, f: DeviceFilter, updating: readonly string[]): Promise<number> {
    // On SQLite the ids of both sets, merged by UNION from the two (tenant, id) indexes, count a filter on
    // membership alone 2–3× faster than probing `devices` for each commissioned light (PostgreSQL would sort them).
    const onlyGroup = Object.entries(f).every(([k, v]) => v === undefined || k === 'group');
    if (this.dialect === 'sqlite' && onlyGroup) {
      const member = (col: SQL) => (f.group === undefined ? sql``
        : sql` and ${col} in (select gm.device_id from group_members gm where gm.tenant_id = ${tenantId} and gm.group_id = ${f.group})`);
      const [row] = await this.rows(sql`select count(*) as n from (select d.id from devices d where d.tenant_id = ${tenantId}${member(sql`d.id`)}
        union select i.device_id from inventory i where i.tenant_id = ${tenantId}${member(sql`i.device_id`)}) x
        where ${this.notRetired(tenantId, sql`x.id`)}`);
      return Number(row?.n ?? 0);
    }
    const c = this.conditions(tenantId, f, updating);
    const parts: SQL[] = [];
    if (c.reg) {
      const join = c.inventory ? sql` left join inventory i on i.device_id = d.id and i.tenant_id = d.tenant_id` : sql``;
      parts.push(sql`(select count(*) from devices d${join} where ${sql.join(c.reg, sql` and `)})`);
    }
    if (c.inv) parts.push(sql`(select count(*) from inventory i where ${sql.join(c.inv, sql` and `)})`);
    if (parts.length === 0) return 0;
    const [row] = await this.rows(sql`select ${sql.join(parts, sql` + `)} as n`);
    return Number(row?.n ?? 0);
  }

  /** Lights of a tenant matching a filter per state and per firmware version (null: never reported one). */
  async facets(tenantId: string, f: DeviceFilter, updating: readonly string[]): Promise<{ states: Record<LightState, number>; firmware: Array<{ version: string | null; lights: number }> }> {
    const c = this.conditions(tenantId, f, updating);
    const states = Object.fromEntries(LIGHT_STATES.map((s) => [s, 0])) as Record<LightState, number>;
    const firmware = new Map<string | null, number>();
    const parts: SQL[] = [];
    if (c.reg) {
      const join = c.inventory ? sql` left join inventory i on i.device_id = d.id and i.tenant_id = d.tenant_id` : sql``;
      parts.push(sql`select s.state as state, s.fw as fw, count(*) as n from (select ${this.stateExpr(tenantId, updating)} as state, d.firmware_version as fw
        from devices d${join} where ${sql.join(c.reg, sql` and `)}) s group by s.state, s.fw`);
    }
    if (c.inv) parts.push(sql`select 'unknown' as state, cast(null as text) as fw, count(*) as n from inventory i where ${sql.join(c.inv, sql` and `)}`);
    if (parts.length) {
      for (const r of await this.rows(sql.join(parts, sql` union all `))) {
        const k = Number(r.n);
        if (k === 0) continue;
        states[r.state as LightState] += k;
        const v = (r.fw as string | null) ?? null;
        firmware.set(v, (firmware.get(v) ?? 0) + k);
      }
    }
    return { states, firmware: [...firmware].map(([version, lights]) => ({ version, lights })).sort((a, b) => b.lights - a.lights || String(a.version).localeCompare(String(b.version))) };
  }

  /** Group ids of each given light of a tenant. */
  async memberships(tenantId: string, ids: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await this.rows(sql`select gm.device_id as device_id, gm.group_id as group_id from group_members gm
      where gm.tenant_id = ${tenantId} and ${this.inIds(sql`gm.device_id`, ids)} order by gm.device_id, gm.group_id`);
    for (const r of rows) {
      const id = String(r.device_id);
      const list = out.get(id);
      if (list) list.push(String(r.group_id)); else out.set(id, [String(r.group_id)]);
    }
    return out;
  }

  /** Whether a light has an unresolved alarm, open or acknowledged (its `fault` state: acknowledged is not solved). */
  async hasUnresolvedAlarm(tenantId: string, deviceId: string): Promise<boolean> {
    const rows = await this.rows(sql`select 1 as x from alarms a where a.device_id = ${deviceId} and a.tenant_id = ${tenantId} and a.state <> 'cleared' limit 1`);
    return rows.length > 0;
  }

  /**
   * Commissioned lights of a tenant with a position, in id order after `afterId`, at most `limit` (the map reads
   * them in chunks). The state leaves out `updating` (the caller applies the OTA service's).
   */
  async mapRows(tenantId: string, afterId: string, limit: number): Promise<MapRow[]> {
    // The street: the pole's (inventory model), else the light's inventory group (the demo's and most imports' street).
    const rows = await this.rows(sql`select i.device_id as id, i.lat as lat, i.lon as lon, d.id as reg, d.level as level,
        case when d.id is null then 'unknown' else ${this.stateExpr(tenantId, [])} end as state,
        i.pole_ref as pole_ref, coalesce(p.street, i.group_id) as street
      from inventory i left join devices d on d.id = i.device_id and d.tenant_id = i.tenant_id
        left join poles p on p.tenant_id = i.tenant_id and p.id = i.pole_ref
      where i.tenant_id = ${tenantId} and i.device_id > ${afterId} and i.lat is not null and i.lon is not null and i.retired_at is null
      order by i.device_id limit ${limit}`);
    return rows.map((r) => ({
      id: String(r.id), lat: Number(r.lat), lon: Number(r.lon), registered: r.reg != null, level: Number(r.level ?? 0), state: r.state as LightState,
      poleRef: (r.pole_ref as string | null) ?? null, street: (r.street as string | null) ?? null,
    }));
  }
}

function toListed(r: Row): ListedLight {
  const registered = bool(r.registered);
  return {
    id: String(r.id),
    registered,
    state: r.state as LightState,
    sortValue: Number(r.sort_value),
    device: registered ? {
      online: bool(r.online), firstSeen: Number(r.first_seen), lastSeen: Number(r.last_seen),
      hardwareModel: (r.hardware_model as string | null) ?? null, firmwareVersion: (r.firmware_version as string | null) ?? null,
      level: num(r.level), targetLevel: num(r.target_level), levelSource: num(r.level_source), configVersion: num(r.config_version),
      planId: num(r.plan_id), planVersion: num(r.plan_version), overrideId: num(r.override_id), overrideExpiresAt: num(r.override_expires_at),
      clockStatus: num(r.clock_status), powerMw: num(r.power_mw), uptimeS: num(r.uptime_s), stateAt: num(r.state_at),
    } : null,
    inventory: r.inv_id != null ? {
      poleRef: (r.pole_ref as string | null) ?? null, lat: num(r.lat), lon: num(r.lon), groupId: (r.group_id as string | null) ?? null,
      luminaireModel: (r.luminaire_model as string | null) ?? null, nominalPowerW: num(r.nominal_power_w), cctK: num(r.cct_k),
      installedAt: Number(r.installed_at),
    } : null,
  };
}
