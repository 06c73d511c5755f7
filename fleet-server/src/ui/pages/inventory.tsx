/**
 * The town's inventory at the desk (issue 15): import a file of poles and lights (CSV as French Excel writes it, or
 * GeoJSON) — a dry run first, its report line by line (created, updated with the fields, unchanged, rejected with
 * the line and the reason in words), then apply, all or nothing — and read what the town has: cabinets with their
 * circuits, poles with their luminaire and the controller serving it, and a pole's history (the controllers that
 * served it, retired ones included). Importing is for installers and above; every role reads.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, tp, upload } from '../api.js';
import { can, type PageProps } from '../app.js';
import { useI18n, type I18n, type Key } from '../i18n.js';
import { importReason } from '../import-reasons.js';
import { go, href } from '../router.js';

interface Circuit { id: string; name: string | null; poles: number }
interface Cabinet {
  id: string; name: string | null; lat: number | null; lon: number | null; pdl: string | null; contractedKva: number | null; tariff: string | null;
  poles: number; circuits: Circuit[];
}
interface Luminaire { id: string; modelId: string | null; nominalPowerW: number | null; cctK: number | null; installedAt: string; removedAt: string | null; controller: string | null }
interface Pole {
  id: string; lat: number | null; lon: number | null; street: string | null; heightM: number | null; cabinetId: string | null; circuitId: string | null;
  decommissionedAt: string | null; luminaires: Luminaire[];
}
interface Assignment { deviceId: string; luminaireId: string; from: string; to: string | null; endReason: string | null; replacedBy: string | null; note: string | null }
interface PoleDetail extends Pole { history: Assignment[] }

interface ReportLine { line: number; deviceId?: string; poleRef?: string; status: 'created' | 'updated' | 'unchanged' | 'rejected'; changes?: Array<{ field: string; from: unknown; to: unknown }>; reason?: string }
export interface ImportReport {
  dryRun: boolean; applied: boolean; format: 'csv' | 'geojson'; encoding: string; ignoredColumns: string[];
  counts: { created: number; updated: number; unchanged: number; rejected: number }; poles?: number; lines: ReportLine[]; configsChanged?: number;
}

/** The report's field names in words. */
const FIELD: Record<string, Key> = {
  lat: 'latitude', lon: 'longitude', group: 'group', luminaireModel: 'luminaire', nominalPowerW: 'ratedPowerW', cctK: 'cct', street: 'street',
  cabinetId: 'cabinet', circuitId: 'circuit', heightM: 'heightM', poleRef: 'poleRef', installedAt: 'installDate', luminaire: 'luminaire',
};
const PAGE_LINES = 200;

export function InventoryPage({ tenant, arg }: PageProps) {
  const T = tenant.tenantId;
  if (arg) return <PolePage tenant={T} poleId={arg} />;
  return (
    <div class="page inventory stack">
      {can(tenant.role, 'installer') && <ImportCard tenant={T} />}
      <CabinetsCard tenant={T} />
      <PolesCard tenant={T} />
    </div>
  );
}

/** Choose a file, dry run, read the report, apply. */
function ImportCard({ tenant }: { tenant: string }) {
  const i = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [onlyProblems, setOnlyProblems] = useState(false);

  const send = async (dryRun: boolean): Promise<void> => {
    if (!file) { setError(i.t('importNoFile')); return; }
    setBusy(true); setError('');
    const geo = /\.(geo)?json$/i.test(file.name);
    try {
      const bytes = await file.arrayBuffer();
      const r = await upload<ImportReport>(tp(tenant, `/inventory/import?dryRun=${dryRun}&format=${geo ? 'geojson' : 'csv'}`), bytes, geo ? 'application/geo+json' : 'text/csv');
      setReport(r);
      window.dispatchEvent(new Event(INVENTORY_CHANGED));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'SL_IMPORT_REJECTED') setReport(e.details as ImportReport);
      else if (e instanceof ApiError && e.code === 'SL_VALIDATION') setError(i.t('importRefused', { m: importFileMessage(e.message, i) }));
      else setError(`${i.t('error')} ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const shown = report ? report.lines.filter((l) => !onlyProblems || l.status === 'rejected' || l.status === 'updated').slice(0, PAGE_LINES) : [];
  const canApply = report !== null && !report.applied && report.counts.rejected === 0 && report.counts.created + report.counts.updated > 0;
  return (
    <section class="card stack" data-testid="import">
      <h2>{i.t('importTitle')}</h2>
      <p class="muted small">{i.t('importHelp')}</p>
      <div class="row wrap">
        <label class="file">{i.t('importFile')}
          <input type="file" name="import-file" accept=".csv,.txt,.geojson,.json,text/csv,application/geo+json,application/json"
            onChange={(e) => { setFile((e.target as HTMLInputElement).files?.[0] ?? null); setReport(null); setError(''); }} />
        </label>
        <button type="button" data-testid="import-dry-run" disabled={busy || !file} onClick={() => void send(true)}>{i.t('importDryRun')}</button>
        <button type="button" class="primary" data-testid="import-apply" disabled={busy || !canApply} onClick={() => void send(false)}>{i.t('importApply')}</button>
      </div>
      {error && <p class="error" role="alert" data-testid="import-error">{error}</p>}
      {report && (
        <div class="stack" data-testid="import-report" data-applied={String(report.applied)}>
          <p role="status" class={report.counts.rejected ? 'error' : report.applied ? 'ok' : ''} data-testid="import-summary">
            {report.applied ? i.t('importApplied') : report.counts.rejected ? i.t('importHasRejected', { n: i.num(report.counts.rejected) }) : i.t('importReady')}
          </p>
          <ul class="counts">
            {(['created', 'updated', 'unchanged', 'rejected'] as const).map((s) => (
              <li key={s} class={`import-${s}`} data-count={s}><strong>{i.num(report.counts[s])}</strong> {i.t(`import_${s}`, { n: report.counts[s] })}</li>
            ))}
          </ul>
          <p class="muted small">{i.t('importEncoding', { e: report.encoding, f: report.format.toUpperCase() })}
            {report.ignoredColumns.length > 0 && <> · {i.t('importIgnored', { c: report.ignoredColumns.join(', ') })}</>}</p>
          <label class="check small"><input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems((e.target as HTMLInputElement).checked)} />{i.t('importOnlyProblems')}</label>
          <div class="table-wrap">
            <table class="table compact" data-testid="import-lines">
              <thead><tr><th class="num">{i.t('importLine')}</th><th>{i.t('importWhat')}</th><th>{i.t('state')}</th><th>{i.t('detail')}</th></tr></thead>
              <tbody>
                {shown.map((l) => (
                  <tr key={l.line} class={l.status === 'rejected' ? 'bad' : ''} data-line={l.line} data-status={l.status}>
                    <td class="num">{l.line}</td>
                    <td>{l.deviceId ? i.t('importController', { d: l.deviceId }) : l.poleRef ? i.t('importPole', { p: l.poleRef }) : '—'}</td>
                    <td><span class={`badge import-${l.status}`}>{i.t(`importStatus_${l.status}`)}</span></td>
                    <td>{l.reason ? importReason(l.reason, i.lang) : (l.changes ?? []).map((c) => `${FIELD[c.field] ? i.t(FIELD[c.field] as Key) : c.field} : ${show(c.from, i)} → ${show(c.to, i)}`).join(' ; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.lines.length > PAGE_LINES && <p class="muted small">{i.t('importMoreLines', { n: i.num(PAGE_LINES), t: i.num(report.lines.length) })}</p>}
        </div>
      )}
    </section>
  );
}

const show = (v: unknown, i: I18n): string => (v === null || v === undefined || v === '' ? '—' : typeof v === 'number' ? i.num(v) : String(v));

/** The server's reason for refusing a whole file, in the reader's language where it has a known form. */
function importFileMessage(message: string, i: I18n): string {
  const m = message.replace(/^File refused: /, '');
  if (i.lang === 'en') return m;
  const missing = /^missing columns? ([^(]+) \(accepted names: (.*)\); header found: (.*)$/s.exec(m);
  if (missing) return `colonne(s) manquante(s) : ${missing[1]?.trim().replace('device id or pole', 'contrôleur ou poteau')} (noms acceptés : ${missing[2]}) ; en-tête lu : ${missing[3]}`;
  if (/^this is a spreadsheet workbook/.test(m)) return 'c’est un classeur (.xlsx, .xls ou .ods), pas un fichier CSV : enregistrez-le en « CSV (séparateur : point-virgule) » et importez celui-ci';
  if (/^this is a PDF/.test(m)) return 'c’est un PDF, pas un fichier CSV ou GeoJSON';
  if (/^the file holds NUL bytes/.test(m)) return 'ce n’est pas un fichier texte (UTF-16 sans BOM, ou binaire) : enregistrez-le en CSV UTF-8 ou Windows-1252';
  if (/^not a GeoJSON FeatureCollection/.test(m)) return 'ce n’est pas une FeatureCollection GeoJSON';
  if (/^not valid JSON/.test(m)) return 'ce n’est pas du JSON valide';
  if (/^the file is empty/.test(m)) return 'le fichier est vide ou sa première ligne (l’en-tête) est blanche';
  const tooMany = /^(\d+) lines: at most (\d+) in one file$/.exec(m);
  if (tooMany) return `${tooMany[1]} lignes : au plus ${tooMany[2]} par fichier`;
  return m;
}

/** Fired after an import is applied: the lists below reload. */
const INVENTORY_CHANGED = 'sl-inventory-changed';
function useReload(): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    const on = (): void => setN((x) => x + 1);
    window.addEventListener(INVENTORY_CHANGED, on);
    return () => window.removeEventListener(INVENTORY_CHANGED, on);
  }, []);
  return n;
}

function CabinetsCard({ tenant }: { tenant: string }) {
  const i = useI18n();
  const tick = useReload();
  const [cabs, setCabs] = useState<Cabinet[] | null>(null);
  useEffect(() => { void get<Cabinet[]>(tp(tenant, '/inventory/cabinets')).then(setCabs).catch(() => setCabs([])); }, [tenant, tick]);
  return (
    <section class="card stack" data-testid="cabinets">
      <h2>{i.t('cabinets')}</h2>
      {cabs === null ? <p class="muted">{i.t('loading')}</p> : cabs.length === 0 ? <p class="muted">{i.t('noCabinet')}</p> : (
        <div class="table-wrap">
          <table class="table compact">
            <thead><tr><th>{i.t('cabinet')}</th><th>{i.t('pdl')}</th><th class="num">{i.t('contractedKva')}</th><th>{i.t('tariff')}</th><th>{i.t('circuits')}</th><th class="num">{i.t('polesCount')}</th></tr></thead>
            <tbody>
              {cabs.map((c) => (
                <tr key={c.id} data-cabinet={c.id}>
                  <td><strong>{c.id}</strong>{c.name ? ` — ${c.name}` : ''}</td>
                  <td>{c.pdl ?? '—'}</td>
                  <td class="num">{c.contractedKva === null ? '—' : i.num(c.contractedKva)}</td>
                  <td>{c.tariff ?? '—'}</td>
                  <td>{c.circuits.length ? c.circuits.map((k) => `${k.id}${k.name ? ` (${k.name})` : ''} : ${i.num(k.poles)}`).join(' · ') : '—'}</td>
                  <td class="num">{i.num(c.poles)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const POLES_PAGE = 100;

function PolesCard({ tenant }: { tenant: string }) {
  const i = useI18n();
  const tick = useReload();
  const [poles, setPoles] = useState<Pole[] | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  useEffect(() => { void get<Pole[]>(tp(tenant, '/inventory/poles')).then(setPoles).catch(() => setPoles([])); }, [tenant, tick]);
  const needle = q.trim().toLowerCase();
  const hits = (poles ?? []).filter((p) => !needle || [p.id, p.street, p.cabinetId, ...p.luminaires.map((l) => l.controller)].some((v) => v?.toLowerCase().includes(needle)));
  const pages = Math.max(1, Math.ceil(hits.length / POLES_PAGE));
  const at = Math.min(page, pages - 1);
  return (
    <section class="card stack" data-testid="poles">
      <h2>{i.t('polesTitle')} {poles && <span class="muted small">({i.num(poles.length)})</span>}</h2>
      <input type="search" name="pole-search" placeholder={i.t('poleSearch')} value={q} onInput={(e) => { setQ((e.target as HTMLInputElement).value); setPage(0); }} />
      {poles === null ? <p class="muted">{i.t('loading')}</p> : hits.length === 0 ? <p class="muted">{i.t('noPole')}</p> : (
        <div class="table-wrap">
          <table class="table compact">
            <thead><tr><th>{i.t('pole')}</th><th>{i.t('street')}</th><th>{i.t('cabinet')}</th><th>{i.t('luminaire')}</th><th>{i.t('controller')}</th></tr></thead>
            <tbody>
              {hits.slice(at * POLES_PAGE, (at + 1) * POLES_PAGE).map((p) => (
                <tr key={p.id} class="clickable" data-pole={p.id} onClick={() => go(href(tenant, 'inventory', p.id))}>
                  <td><a href={href(tenant, 'inventory', p.id)}>{p.id}</a></td>
                  <td>{p.street ?? '—'}</td>
                  <td>{p.cabinetId ? `${p.cabinetId}${p.circuitId ? ` / ${p.circuitId}` : ''}` : '—'}</td>
                  <td>{p.luminaires.length ? p.luminaires.map((l) => [l.modelId ?? '—', l.nominalPowerW === null ? null : i.watts(l.nominalPowerW)].filter(Boolean).join(' ')).join(' · ') : i.t('noLuminaireYet')}</td>
                  <td>{p.luminaires.some((l) => l.controller) ? p.luminaires.filter((l) => l.controller).map((l) => l.controller).join(', ') : <span class="muted">{i.t('noController')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <div class="row">
          <button type="button" disabled={at === 0} onClick={() => setPage(at - 1)}>{i.t('prev')}</button>
          <span>{i.t('page', { p: at + 1, n: pages })}</span>
          <button type="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>{i.t('next')}</button>
        </div>
      )}
    </section>
  );
}

/** One pole: where it is, its luminaires, and every controller that served it (retired ones with why and when). */
function PolePage({ tenant, poleId }: { tenant: string; poleId: string }) {
  const i = useI18n();
  const [p, setP] = useState<PoleDetail | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    void get<PoleDetail>(tp(tenant, `/inventory/poles/${encodeURIComponent(poleId)}`)).then(setP)
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? i.t('poleNotFound') : `${i.t('error')} ${String(e)}`));
  }, [tenant, poleId]);
  return (
    <div class="page inventory stack" data-testid="pole-detail" data-pole={poleId}>
      <p><a href={href(tenant, 'inventory')}>← {i.t('inventory')}</a></p>
      {error && <p class="error" role="alert">{error}</p>}
      {p && (
        <>
          <section class="card stack">
            <h2>{i.t('pole')} {p.id}{p.decommissionedAt ? ` — ${i.t('poleRetired', { d: i.date(p.decommissionedAt) })}` : ''}</h2>
            <dl class="kv">
              <dt>{i.t('street')}</dt><dd>{p.street ?? '—'}</dd>
              <dt>{i.t('position')}</dt><dd>{p.lat === null || p.lon === null ? '—' : `${p.lat.toFixed(6)}, ${p.lon.toFixed(6)}`}</dd>
              <dt>{i.t('heightM')}</dt><dd>{p.heightM === null ? '—' : i.num(p.heightM)}</dd>
              <dt>{i.t('cabinet')}</dt><dd>{p.cabinetId ?? '—'}{p.circuitId ? ` / ${p.circuitId}` : ''}</dd>
            </dl>
          </section>
          <section class="card stack">
            <h2>{i.t('luminaires')}</h2>
            <table class="table compact">
              <thead><tr><th>{i.t('luminaire')}</th><th class="num">{i.t('ratedPowerW')}</th><th class="num">{i.t('cct')}</th><th>{i.t('installDate')}</th><th>{i.t('controller')}</th></tr></thead>
              <tbody>
                {p.luminaires.map((l) => (
                  <tr key={l.id} class={l.removedAt ? 'disabled' : ''}>
                    <td>{l.id} · {l.modelId ?? '—'}</td><td class="num">{l.nominalPowerW === null ? '—' : i.num(l.nominalPowerW)}</td>
                    <td class="num">{l.cctK === null ? '—' : `${i.num(l.cctK)} K`}</td><td>{i.date(l.installedAt)}{l.removedAt ? ` → ${i.date(l.removedAt)}` : ''}</td>
                    <td>{l.controller ? <a href={href(tenant, 'light', l.controller)}>{l.controller}</a> : <span class="muted">{i.t('noController')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="card stack" data-testid="pole-history">
            <h2>{i.t('poleHistory')}</h2>
            {p.history.length === 0 ? <p class="muted">{i.t('noController')}</p> : (
              <table class="table compact">
                <thead><tr><th>{i.t('controller')}</th><th>{i.t('luminaire')}</th><th>{i.t('from')}</th><th>{i.t('until')}</th><th>{i.t('why')}</th><th>{i.t('installerNote')}</th></tr></thead>
                <tbody>
                  {[...p.history].reverse().map((a) => (
                    <tr key={`${a.deviceId}-${a.from}`} data-device={a.deviceId} data-end={a.endReason ?? 'serving'} class={a.to ? 'disabled' : ''}>
                      <td>{a.to ? a.deviceId : <a href={href(tenant, 'light', a.deviceId)}>{a.deviceId}</a>}</td><td>{a.luminaireId}</td>
                      <td>{i.dateTime(a.from)}</td><td>{a.to ? i.dateTime(a.to) : i.t('serving')}</td>
                      <td>{a.endReason ? i.t(`end_${a.endReason}` as Key, { d: a.replacedBy ?? '—' }) : '—'}</td>
                      <td data-testid="installer-note">{a.note ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}
