/** Light detail: current state, plan in force, last reports, energy, alarms, firmware, commissioning; override. */
import type { PageProps } from '../app.js';
import { can } from '../app.js';
import { get, hasRoute, tp, type Alarm, type DeviceDetail, type PlanSummary, type StateRow } from '../api.js';
import { LineChart } from '../components/chart.js';
import { OverrideForm } from '../components/override.js';
import { ZoneNote } from '../components/zone.js';
import { TrafficHeatmap } from '../components/traffic-heatmap.js';
import { LightClo } from '../components/clo.js';
import { D4iCard, type LuminaireData } from '../components/d4i.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { href } from '../router.js';
import { lightState, stateKey } from '../state.js';

interface Resolution { resolved: { planId: number; planVersion: number; groupId: string; priority: number } | null }
interface TrafficWeek { hours: number[][] }
interface DeviceTraffic { profile: (TrafficWeek & { weeks: number; receivedAt: number }) | null }
interface StreetTraffic extends TrafficWeek { groupId: string; members: number; profiles: number }
interface EnergyRecord { seq: number; start: string | null; durationS: number; energyMwh: number; avgPowerMw: number; avgLevelPct: number }

export function LightPage({ tenant, arg }: PageProps) {
  const i = useI18n();
  const id = arg ?? '';
  const T = tenant.tenantId;
  const { data, error, reload } = usePoll(async () => {
    const [d, states, plans, resolution, alarms, energy] = await Promise.all([
      get<DeviceDetail>(tp(T, `/devices/${encodeURIComponent(id)}`)),
      get<StateRow[]>(tp(T, `/devices/${encodeURIComponent(id)}/states?limit=50`)),
      hasRoute('/api/tenants/{tenant}/plans').then((ok) => (ok ? get<PlanSummary[]>(tp(T, '/plans')) : [])),
      hasRoute('/api/tenants/{tenant}/devices/{deviceId}/plan-resolution').then((ok) => (ok ? get<Resolution>(tp(T, `/devices/${encodeURIComponent(id)}/plan-resolution`)).catch(() => null) : null)),
      hasRoute('/api/tenants/{tenant}/alarms').then((ok) => (ok ? get<{ alarms: Alarm[] }>(tp(T, `/alarms?device=${encodeURIComponent(id)}&limit=20`)).then((r) => r.alarms) : null)),
      hasRoute('/api/tenants/{tenant}/devices/{deviceId}/energy/records').then((ok) => (ok ? get<EnergyRecord[]>(tp(T, `/devices/${encodeURIComponent(id)}/energy/records?last=96`)).catch(() => null) : null)),
    ]);
    // Frugal learning (issue 17): the light's learnt traffic and its street's (its first group), when the server has them.
    const street = d.groups[0];
    const [traffic, streetTraffic, d4i] = await Promise.all([
      hasRoute('/api/tenants/{tenant}/devices/{deviceId}/traffic-profile').then((ok) => (ok ? get<DeviceTraffic>(tp(T, `/devices/${encodeURIComponent(id)}/traffic-profile`)).catch(() => null) : null)),
      street !== undefined ? hasRoute('/api/tenants/{tenant}/groups/{groupId}/traffic-profile').then((ok) => (ok ? get<StreetTraffic>(tp(T, `/groups/${encodeURIComponent(street)}/traffic-profile`)).catch(() => null) : null)) : null,
      // Issue 17: what the luminaire's DALI-2 / D4i driver reported.
      hasRoute('/api/tenants/{tenant}/devices/{deviceId}/luminaire-data').then((ok) => (ok ? get<LuminaireData>(tp(T, `/devices/${encodeURIComponent(id)}/luminaire-data`)).catch(() => null) : null)),
    ]);
    return { d, states, plans, resolution, alarms, energy, traffic, streetTraffic, d4i };
  }, 5000, [T, id]);

  if (error && !data) return <p class="error">{error.message}</p>;
  if (!data) return <p class="muted">{i.t('loading')}</p>;
  const { d, states, plans, resolution, alarms, energy } = data;
  const faulty = new Set((alarms ?? []).filter((a) => a.state !== 'cleared').map((a) => a.deviceId));
  const s = lightState(d, faulty);
  const rp = d.reported;
  const planName = (pid: number | undefined): string => plans.find((p) => p.planId === pid)?.name ?? (pid ? `#${pid}` : i.t('noPlan'));
  const ov = d.desired?.override?.active ? d.desired.override : null;
  // The newest 96 records (issue 14: `last`, not the first 5,000 of the device's whole history); undated records have no place on a time axis.
  const recent = energy?.filter((r): r is EnergyRecord & { start: string } => r.start !== null) ?? [];

  return (
    <div class="page detail">
      <p class="crumbs"><a href={href(T, 'lights')}>{i.t('lights')}</a> › {d.id}</p>
      <h2>{d.inventory?.poleRef ?? d.id} <span class={`badge b-${s}`} data-testid="light-state">{i.t(stateKey(s))}</span></h2>
      {d.ota && (
        <p class="notice" data-testid="light-ota">
          {i.t('otaInProgress', { c: d.ota.campaignName, s: i.t(`dev_${d.ota.state}` as Key), p: i.pct(d.ota.progressPct) })}{' '}
          <a href={href(T, 'firmware')}>{i.t('firmware')} →</a>
        </p>
      )}
      <div class="grid2">
        <section class="card">
          <h3>{i.t('currentState')}</h3>
          <dl class="kv">
            <dt>{i.t('level')}</dt><dd data-testid="light-level">{rp?.level != null ? i.pct(rp.level) : '—'}</dd>
            <dt>{i.t('target')}</dt><dd>{rp?.targetLevel != null ? i.pct(rp.targetLevel) : '—'}</dd>
            <dt>{i.t('source')}</dt><dd>{rp?.levelSource ? i.t(`source_${rp.levelSource}` as Key) : '—'}</dd>
            <dt>{i.t('power')}</dt><dd>{i.watts(rp?.powerMw != null ? rp.powerMw / 1000 : null)}</dd>
            <dt>{i.t('clock')}</dt><dd>{i.code('clock', rp?.clock)}</dd>
            <dt>{i.t('lastReport')}</dt><dd>{i.dateTime(rp?.at)}</dd>
          </dl>
        </section>
        <section class="card">
          <h3>{i.t('planInForce')}</h3>
          <p data-testid="light-plan">
            {rp?.plan ? <>{planName(rp.plan.id)} <span class="muted">({i.t('version')} {rp.plan.version})</span></> : i.t('noPlan')}
            {resolution?.resolved && <><br /><small class="muted">{i.t('resolvedFrom', { g: resolution.resolved.groupId, p: resolution.resolved.priority })}</small></>}
          </p>
          <h3>{i.t('override')}</h3>
          {can(tenant.role, 'manager')
            ? <OverrideForm tenant={T} kind="device" id={d.id} active={ov} onDone={reload} />
            : <p>{ov ? i.t('overrideActive', { l: i.pct(ov.level), t: i.dateTime(ov.expiresAt) }) : i.t('overrideNone')}</p>}
        </section>
      </div>

      <section class="card">
        <h3>{i.t('lastReports')} <ZoneNote /></h3>
        {states.length > 1 && (
          <LineChart yMax={100} yLabel="%" xFormat={(x) => i.clock(x)}
            series={[{ colour: '#c98a00', step: true, points: [...states].reverse().map((r) => ({ x: Date.parse(r.at), y: r.level })) }]} />
        )}
        <div class="table-wrap"><table class="table compact">
          <thead><tr><th>{i.t('time')}</th><th class="num">{i.t('level')}</th><th class="num">{i.t('target')}</th><th>{i.t('source')}</th><th class="num">{i.t('power')}</th></tr></thead>
          <tbody>{states.slice(0, 10).map((r) => (
            <tr key={r.at}><td>{i.dateTime(r.at)}</td><td class="num">{i.pct(r.level)}</td><td class="num">{i.pct(r.targetLevel)}</td><td>{i.t(`source_${r.levelSource}` as Key)}</td><td class="num">{i.watts(r.powerMw / 1000)}</td></tr>
          ))}</tbody>
        </table></div>
      </section>

      <section class="card">
        <h3>{i.t('energyChart')} <ZoneNote /></h3>
        {energy === null ? <p class="muted">{i.t('notAvailable')}</p> : recent.length < 2 ? <p class="muted">{i.t('noData')}</p> : (
          <LineChart yLabel="W" yMax={Math.max(1, ...recent.map((r) => r.avgPowerMw / 1000)) * 1.1} xFormat={(x) => i.clock(x)}
            series={[{ colour: '#2a9d8f', step: true, points: recent.map((r) => ({ x: Date.parse(r.start), y: r.avgPowerMw / 1000 })) }]} />
        )}
      </section>

      <div class="grid2">
        <section class="card">
          <h3>{i.t('alarms')}</h3>
          {alarms === null ? <p class="muted">{i.t('notAvailable')}</p> : alarms.length === 0 ? <p class="muted">{i.t('none')}</p> : (
            <ul class="plain">{alarms.map((a) => <li key={a.id}><span class={`badge sev-${a.severity}`} title={i.code('sev', a.severity)}>{i.code('event', a.type)}</span> {i.dateTime(a.raisedAt)} — {i.t(a.state === 'assigned' ? 'alarmAssigned' : a.state === 'intervened' ? 'alarmIntervened' : a.state)}</li>)}</ul>
          )}
          <h3>{i.t('events')}</h3>
          {d.events.length === 0 ? <p class="muted">{i.t('none')}</p> : (
            <ul class="plain">{d.events.slice(0, 8).map((e) => <li key={e.eventSeq}>{i.dateTime(e.time ?? e.receivedAt)} — {i.code('event', e.type)}{e.active ? ' ●' : ''} {e.detail}</li>)}</ul>
          )}
        </section>
        {data.traffic && (
          <section class="card" data-testid="light-traffic">
            <h3>{i.t('learntTraffic')}</h3>
            {data.traffic.profile
              ? <><TrafficHeatmap hours={data.traffic.profile.hours} testId="light-heatmap" /><p class="muted">{i.t('trafficWeeks', { n: data.traffic.profile.weeks, d: i.dateTime(data.traffic.profile.receivedAt) })}</p></>
              : <p class="muted">{i.t('trafficNone')}</p>}
          </section>
        )}
        {data.streetTraffic && data.streetTraffic.profiles > 0 && (
          <section class="card" data-testid="street-traffic">
            <h3>{i.t('streetTraffic', { g: data.streetTraffic.groupId })}</h3>
            <TrafficHeatmap hours={data.streetTraffic.hours} testId="street-heatmap" />
            <p class="muted">{i.t('trafficStreetOf', { n: data.streetTraffic.profiles, m: data.streetTraffic.members })}</p>
          </section>
        )}
        {/* Issue 17: only for a light whose controller reported a DALI-2 / D4i driver. */}
        {data.d4i?.report && <D4iCard tenant={T} data={data.d4i} canRead={can(tenant.role, 'manager')} onRead={reload} />}
        <LightClo tenant={T} deviceId={d.id} />
        <section class="card">
          <h3>{i.t('commissioning')}</h3>
          <dl class="kv">
            <dt>{i.t('id')}</dt><dd>{d.id}</dd>
            <dt>{i.t('pole')}</dt><dd>{d.inventory?.poleRef ?? '—'}</dd>
            <dt>{i.t('street')}</dt><dd>{d.groups.join(', ') || '—'}</dd>
            <dt>{i.t('position')}</dt><dd>{d.inventory?.lat != null ? `${i.num(d.inventory.lat, 5)}, ${i.num(d.inventory.lon, 5)}` : '—'}</dd>
            <dt>{i.t('luminaire')}</dt><dd>{d.inventory?.luminaireModel ?? '—'}</dd>
            <dt>{i.t('nominalPower')}</dt><dd>{i.watts(d.inventory?.nominalPowerW)}</dd>
            <dt>{i.t('cct')}</dt><dd>{d.inventory?.cctK ? `${i.num(d.inventory.cctK)} K` : '—'}</dd>
            <dt>{i.t('installedAt')}</dt><dd>{i.date(d.inventory?.installedAt)}</dd>
            <dt>{i.t('firmwareVersion')}</dt><dd data-testid="light-firmware">{d.firmwareVersion ?? '—'}</dd>
            <dt>{i.t('hardware')}</dt><dd>{d.hardwareModel ?? '—'}</dd>
          </dl>
        </section>
      </div>
    </div>
  );
}
