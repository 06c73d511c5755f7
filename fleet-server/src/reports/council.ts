/**
 * The report a lighting manager takes to the municipal council (or a syndicate to its committee), issue 16: for a
 * month or a year, per town, what the lights consumed, what that saved against the full-power dusk-to-dawn baseline
 * and against the same period a year before, in kWh, euros and CO₂, the burning hours, and the faults — raised,
 * repaired, still open at the end, and how long a repair took. As JSON (the API), as CSV for French spreadsheets
 * (French headers, `;`, decimal commas) and as a PDF to print or attach.
 *
 * Every energy figure is the town's own energy report (reads/reports.ts: its time zone, tariff and emission factor),
 * so the council report and `GET …/energy/report` agree to the cent; a syndicate's total sums its towns'.
 * Faults are the town's alarms: raised (first raise in the period), repaired (cleared in the period; repair time =
 * cleared − raised), open at the end of the period. Periods are the town's local days.
 */
import PDFDocument from 'pdfkit';
import { and, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { DialectAdapter } from '../db/drizzle-repository.js';
import type { ReportRepository } from '../db/report-repository.js';
import type { EnergyService } from '../energy/service.js';
import { toCsv } from '../energy/csv.js';
import { buildReport } from '../reads/reports.js';
import { parsePosixTz } from '../energy/calendar.js';
import { fromLocalMs } from '@streetlight/firmware';
import type { ComplianceSummary } from './compliance-summary.js';

export type CouncilPeriod = { kind: 'month'; month: string } | { kind: 'year'; year: number };

export interface FaultFigures {
  raised: number;
  repaired: number;
  openAtEnd: number;
  /** Median hours from raise to clear of the faults repaired in the period; null when none was. */
  medianRepairHours: number | null;
  /** Faults raised in the period, by type (`lamp_failure`, …). */
  byType: Record<string, number>;
}

export interface CouncilFigures {
  /** Lights that reported energy in the period. */
  lights: number;
  energyKwh: number;
  baselineKwh: number;
  savedKwh: number;
  savedPct: number | null;
  costEur: number;
  moneySavedEur: number;
  co2Kg: number;
  co2AvoidedKg: number;
  burningHours: number;
  /** The same period a year before. */
  lastYearKwh: number;
  /** Change of consumption against it, %; null when nothing was measured then. */
  changeVsLastYearPct: number | null;
  faults: FaultFigures;
}

export interface CouncilReport {
  tenant: { id: string; name: string; kind: 'town' | 'syndicate' };
  period: { kind: CouncilPeriod['kind']; label: string; from: string; to: string };
  lastYear: { from: string; to: string };
  towns: Array<{ tenantId: string; name: string; tz: string; figures: CouncilFigures; compliance?: ComplianceSummary | undefined }>;
  total: CouncilFigures;
  /** The decree compliance summary over the towns (reports/compliance-summary.ts). */
  compliance?: { groupsWithErrors: number; lightsBreachingArt3: number } | undefined;
  generatedAt: string;
}

const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** The inclusive local days of a period, and of the same period a year before. */
export function periodDays(p: CouncilPeriod): { from: string; to: string; lastFrom: string; lastTo: string; label: string } {
  if (p.kind === 'year') return { from: `${p.year}-01-01`, to: `${p.year}-12-31`, lastFrom: `${p.year - 1}-01-01`, lastTo: `${p.year - 1}-12-31`, label: String(p.year) };
  const [y, m] = p.month.split('-').map(Number) as [number, number];
  const end = (year: number) => `${year}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(year, m, 0)).getUTCDate()).padStart(2, '0')}`;
  return { from: `${p.month}-01`, to: end(y), lastFrom: `${y - 1}-${String(m).padStart(2, '0')}-01`, lastTo: end(y - 1), label: `${MONTHS_FR[m - 1]} ${y}` };
}

/** UTC ms of local midnight starting `day` (YYYY-MM-DD) in the POSIX TZ zone `tz` (the energy settings' time zone). */
export function localMidnight(day: string, tz: string): number {
  return fromLocalMs(parsePosixTz(tz), Date.parse(`${day}T00:00:00Z`));
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Fault figures of a town over [start, end) (UTC ms). */
export async function faultFigures(adapter: DialectAdapter, tenant: string, start: number, end: number): Promise<FaultFigures & { repairHours: number[] }> {
  const { alarms } = adapter.tables;
  const db = adapter.db;
  const [raisedRows, repairedRows, open] = await Promise.all([
    db.select({ type: alarms.type, n: sql<number>`count(*)` }).from(alarms)
      .where(and(eq(alarms.tenantId, tenant), gte(alarms.raisedAt, start), lt(alarms.raisedAt, end))).groupBy(alarms.type),
    db.select({ raisedAt: alarms.raisedAt, clearedAt: alarms.clearedAt }).from(alarms)
      .where(and(eq(alarms.tenantId, tenant), gte(alarms.clearedAt, start), lt(alarms.clearedAt, end))),
    db.select({ n: sql<number>`count(*)` }).from(alarms)
      .where(and(eq(alarms.tenantId, tenant), lt(alarms.raisedAt, end), or(isNull(alarms.clearedAt), gte(alarms.clearedAt, end)))),
  ]) as [Array<{ type: string; n: number | string }>, Array<{ raisedAt: number | string; clearedAt: number | string | null }>, Array<{ n: number | string }>];
  const byType: Record<string, number> = {};
  let raised = 0;
  for (const r of raisedRows) { byType[r.type] = Number(r.n); raised += Number(r.n); }
  const hours = repairedRows.map((r) => Math.max(0, Number(r.clearedAt) - Number(r.raisedAt)) / 3_600_000).sort((a, b) => a - b);
  return { raised, repaired: hours.length, openAtEnd: Number(open[0]?.n ?? 0), medianRepairHours: median(hours), byType, repairHours: hours };
}

/** The median of sorted hours, to 0.1 h; null when there are none. */
function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 ? sorted[mid] as number : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2, 1);
}

export interface CouncilDeps {
  adapter: DialectAdapter;
  reports: ReportRepository;
  energy: Pick<EnergyService, 'settings'>;
  now: () => number;
}

/** One town's figures for the period. */
export async function townFigures(d: CouncilDeps, tenant: string, p: CouncilPeriod): Promise<{ tz: string; figures: CouncilFigures; repairHours: number[] }> {
  const days = periodDays(p);
  const [rep, last] = await Promise.all([
    buildReport(d.reports, d.energy, { tenantId: tenant, from: days.from, to: days.to, bucket: 'total', by: 'tenant' }),
    buildReport(d.reports, d.energy, { tenantId: tenant, from: days.lastFrom, to: days.lastTo, bucket: 'total', by: 'tenant' }),
  ]);
  const tz = rep.settings.tz;
  const { repairHours, ...faults } = await faultFigures(d.adapter, tenant, localMidnight(days.from, tz), localMidnight(nextDay(days.to), tz));
  const t = rep.total;
  const lastKwh = last.total.energyKwh;
  return {
    tz,
    repairHours,
    figures: {
      lights: t.devices, energyKwh: t.energyKwh, baselineKwh: t.baselineKwh, savedKwh: t.savedKwh, savedPct: t.savedPct, costEur: t.costEur,
      moneySavedEur: t.moneySavedEur, co2Kg: t.co2Kg, co2AvoidedKg: t.co2AvoidedKg, burningHours: t.burningHours,
      lastYearKwh: lastKwh, changeVsLastYearPct: lastKwh > 0 ? round(((t.energyKwh - lastKwh) / lastKwh) * 100, 1) : null, faults,
    },
  };
}

/** The sum of towns' figures: percentages recomputed from the sums, the median repair time over all `repairHours`. */
export function sumFigures(all: readonly CouncilFigures[], repairHours: readonly number[]): CouncilFigures {
  const sum = (f: (x: CouncilFigures) => number, dp: number): number => round(all.reduce((s, x) => s + f(x), 0), dp);
  const byType: Record<string, number> = {};
  for (const x of all) for (const [k, v] of Object.entries(x.faults.byType)) byType[k] = (byType[k] ?? 0) + v;
  const energyKwh = sum((x) => x.energyKwh, 3);
  const baselineKwh = sum((x) => x.baselineKwh, 3);
  const savedKwh = sum((x) => x.savedKwh, 3);
  const lastYearKwh = sum((x) => x.lastYearKwh, 3);
  return {
    lights: sum((x) => x.lights, 0), energyKwh, baselineKwh, savedKwh, savedPct: baselineKwh > 0 ? round((savedKwh / baselineKwh) * 100, 1) : null,
    costEur: sum((x) => x.costEur, 2), moneySavedEur: sum((x) => x.moneySavedEur, 2), co2Kg: sum((x) => x.co2Kg, 3), co2AvoidedKg: sum((x) => x.co2AvoidedKg, 3),
    burningHours: sum((x) => x.burningHours, 2), lastYearKwh, changeVsLastYearPct: lastYearKwh > 0 ? round(((energyKwh - lastYearKwh) / lastYearKwh) * 100, 1) : null,
    faults: {
      raised: sum((x) => x.faults.raised, 0), repaired: sum((x) => x.faults.repaired, 0), openAtEnd: sum((x) => x.faults.openAtEnd, 0),
      medianRepairHours: median([...repairHours].sort((a, b) => a - b)), byType,
    },
  };
}

// ---------------------------------------------------------------- CSV and PDF

/** French names of the fault types (the UI's words). */
const FAULT_FR: Readonly<Record<string, string>> = {
  lamp_failure: 'Lampe en panne', day_burner: 'Allumé en plein jour', cycling: 'Lampe qui clignote', voltage_low: 'Tension d’alimentation basse',
  voltage_high: 'Tension d’alimentation haute', meter_fault: 'Puce de mesure muette', clock_lost: 'Heure perdue', storage_fault: 'Mémoire en défaut',
  implausible_energy: 'Relevés d’énergie invraisemblables',
};
export const faultName = (type: string): string => FAULT_FR[type] ?? type;

const CSV_HEADER = ['Commune', 'Points lumineux', 'Consommation (kWh)', 'Référence pleine puissance (kWh)', 'Économie (kWh)', 'Économie (%)', 'Coût (€)',
  'Économie (€)', 'CO2 émis (kg)', 'CO2 évité (kg)', 'Heures d’allumage', 'Même période N-1 (kWh)', 'Évolution N-1 (%)', 'Pannes signalées',
  'Pannes réparées', 'Pannes en cours en fin de période', 'Délai médian de réparation (h)', 'Groupes non conformes (arrêté du 27/12/2018)',
  'Points lumineux hors art. 3 (température de couleur, ULR)'];

const csvRow = (name: string, f: CouncilFigures, c: { groupsWithErrors: number; lightsBreachingArt3: number } | undefined) => [name, f.lights, f.energyKwh, f.baselineKwh, f.savedKwh, f.savedPct, f.costEur, f.moneySavedEur, f.co2Kg,
  f.co2AvoidedKg, f.burningHours, f.lastYearKwh, f.changeVsLastYearPct, f.faults.raised, f.faults.repaired, f.faults.openAtEnd, f.faults.medianRepairHours,
  c?.groupsWithErrors ?? null, c?.lightsBreachingArt3 ?? null];

/** French CSV (BOM, `;`, decimal commas): a line per town, then the total. */
export function councilCsv(r: CouncilReport): string {
  const rows = r.towns.map((t) => csvRow(t.name, t.figures, t.compliance));
  if (r.tenant.kind === 'syndicate') rows.push(csvRow('Total', r.total, r.compliance));
  return toCsv(CSV_HEADER, rows, { locale: 'fr' });
}

const nf = (digits: number) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** A number as the PDF writes it (French, narrow spaces as thousands separators turned into plain spaces for the PDF's font). */
export const frNumber = (v: number | null, digits = 0, unit = ''): string => (v === null ? '—' : `${nf(digits).format(v).replace(/[\u202f\u00a0]/g, ' ')}${unit ? ` ${unit}` : ''}`);

/** The lines of one town's (or the total's) summary, as label and value: the PDF's table and the test's reference. */
export function summaryLines(f: CouncilFigures): Array<[string, string]> {
  return [
    ['Points lumineux suivis', frNumber(f.lights)],
    ['Consommation', frNumber(f.energyKwh, 1, 'kWh')],
    ['Référence pleine puissance du crépuscule à l’aube', frNumber(f.baselineKwh, 1, 'kWh')],
    ['Économie', `${frNumber(f.savedKwh, 1, 'kWh')} (${frNumber(f.savedPct, 1, '%')})`],
    ['Coût de l’électricité', frNumber(f.costEur, 2, '€')],
    ['Économie en euros', frNumber(f.moneySavedEur, 2, '€')],
    ['CO2 émis / évité', `${frNumber(f.co2Kg, 1, 'kg')} / ${frNumber(f.co2AvoidedKg, 1, 'kg')}`],
    ['Heures d’allumage', frNumber(f.burningHours, 1, 'h')],
    ['Même période l’an dernier', `${frNumber(f.lastYearKwh, 1, 'kWh')} (${f.changeVsLastYearPct === null ? 'pas de mesure' : `${f.changeVsLastYearPct > 0 ? '+' : ''}${frNumber(f.changeVsLastYearPct, 1, '%')}`})`],
    ['Pannes signalées / réparées / en cours', `${f.faults.raised} / ${f.faults.repaired} / ${f.faults.openAtEnd}`],
    ['Délai médian de réparation', f.faults.medianRepairHours === null ? '—' : frNumber(f.faults.medianRepairHours, 1, 'h')],
  ];
}

/** The compliance section's lines: the town's totals, then a line per group (plan, findings, lights beyond art. 3). */
export function complianceLines(c: ComplianceSummary): Array<[string, string]> {
  return [
    ['Groupes dont le plan a des non-conformités', String(c.groupsWithErrors)],
    ['Points lumineux hors art. 3 (température de couleur, ULR)', String(c.lightsBreachingArt3)],
    ...c.groups.map((g): [string, string] => [
      `${g.groupId} — ${g.planName ?? 'aucun plan'} (${g.lights} pt${g.lights > 1 ? 's' : ''})`,
      `${g.errors === null ? '—' : `${g.errors} erreur${g.errors > 1 ? 's' : ''}, ${g.warnings} avert.`} · art. 3 : ${g.lightsBreachingArt3}`,
    ]),
  ];
}

/** The PDF (A4): a title page block with the total, then a section per town; resolves with its bytes. */
export function councilPdf(r: CouncilReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Éclairage public — ${r.tenant.name} — ${r.period.label}`, Author: 'Streetlight', CreationDate: new Date(r.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => { doc.on('end', () => resolve(Buffer.concat(chunks))); doc.on('error', reject); });
  const width = doc.page.width - 112;
  const table = (lines: Array<[string, string]>) => {
    for (const [label, value] of lines) {
      const y = doc.y;
      doc.font('Helvetica').fontSize(10).fillColor('#333333').text(label, 56, y, { width: width * 0.6 });
      doc.font('Helvetica-Bold').fillColor('#000000').text(value, 56 + width * 0.6, y, { width: width * 0.4, align: 'right' });
      doc.moveDown(0.35);
    }
  };
  const faultsByType = (f: CouncilFigures) => {
    const types = Object.entries(f.faults.byType).sort((a, b) => b[1] - a[1] || faultName(a[0]).localeCompare(faultName(b[0]), 'fr'));
    if (!types.length) return;
    doc.moveDown(0.3).font('Helvetica-Oblique').fontSize(9).fillColor('#333333').text(`Pannes par type : ${types.map(([t, n]) => `${faultName(t)} ${n}`).join(', ')}`, 56, doc.y, { width });
  };
  const compliance = (c: ComplianceSummary | undefined) => {
    if (!c || !c.groups.length) return;
    if (doc.y > doc.page.height - 200) doc.addPage();
    doc.moveDown(0.6).font('Helvetica-Bold').fontSize(11).fillColor('#000000').text('Conformité à l’arrêté du 27 décembre 2018', 56, doc.y);
    doc.moveDown(0.3);
    table(complianceLines(c));
  };
  doc.font('Helvetica-Bold').fontSize(18).text(`Éclairage public — ${r.tenant.name}`);
  doc.font('Helvetica').fontSize(12).text(`Bilan ${r.period.kind === 'month' ? 'mensuel' : 'annuel'} : ${r.period.label} (du ${r.period.from} au ${r.period.to})`);
  doc.fontSize(9).fillColor('#555555').text(`Comparé à la même période l’année précédente (du ${r.lastYear.from} au ${r.lastYear.to}). Référence : chaque point lumineux à sa puissance nominale du coucher au lever du soleil sur les intervalles mesurés. Établi le ${r.generatedAt.slice(0, 10)}.`);
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(r.tenant.kind === 'syndicate' ? `Ensemble des ${r.towns.length} communes` : 'Synthèse');
  doc.moveDown(0.4);
  table(summaryLines(r.total));
  faultsByType(r.total);
  if (r.tenant.kind === 'town') compliance(r.towns[0]?.compliance);
  else if (r.compliance) table([['Groupes non conformes / points lumineux hors art. 3', `${r.compliance.groupsWithErrors} / ${r.compliance.lightsBreachingArt3}`]]);
  if (r.tenant.kind === 'syndicate') {
    for (const t of r.towns) {
      if (doc.y > doc.page.height - 300) doc.addPage();
      doc.moveDown().font('Helvetica-Bold').fontSize(13).fillColor('#000000').text(t.name, 56, doc.y);
      doc.moveDown(0.4);
      table(summaryLines(t.figures));
      faultsByType(t.figures);
      compliance(t.compliance);
    }
  }
  doc.end();
  return done;
}
