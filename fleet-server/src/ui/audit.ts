/**
 * The audit log in words. The server records each change as its method and route pattern (`PUT
 * /groups/:groupId/override`), the concrete path and a masked copy of the body (docs/auth.md, "Audit log"): exact,
 * but not what a town's admin reads. Each route the server audits has a sentence here in both languages, filled
 * from the path's parameters and the body's meaningful fields (a plan's name, a level and duration, a role); a route
 * without one (added later) is still said in words: what kind of change, on which object.
 */
import type { I18n, Lang } from './i18n.js';

export interface AuditEntry { at: string; actor: string; actorName: string; action: string; target: string; detail: unknown }

type Vars = Record<string, string>;
type Sentence = Record<Lang, string | { one: string; other: string }>;

/** One sentence per audited route (method + pattern), `{name}` filled from `vars` below. */
export const AUDIT_SENTENCES: Readonly<Record<string, Sentence>> = {
  'POST /tenants': { fr: 'Collectivité « {name} » créée ou modifiée', en: 'Tenant "{name}" created or changed' },
  'POST /users': { fr: 'Accès donné à {email} ({role})', en: 'Access given to {email} ({role})' },
  'PUT /users/:userId': { fr: 'Rôle du compte {account} changé : {role}', en: 'Role of account {account} changed to {role}' },
  'DELETE /users/:userId': { fr: 'Accès du compte {account} retiré', en: 'Access of account {account} removed' },
  'POST /users/:userId/disable': { fr: 'Compte {account} désactivé', en: 'Account {account} disabled' },
  'POST /users/:userId/enable': { fr: 'Compte {account} réactivé', en: 'Account {account} enabled' },
  'POST /users/:userId/password': { fr: 'Nouveau mot de passe donné au compte {account}', en: 'New password given to account {account}' },
  'POST /tokens': { fr: 'Jeton d’API « {name} » créé ({role})', en: 'API token "{name}" created ({role})' },
  'DELETE /tokens/:tokenId': { fr: 'Jeton d’API n° {tokenId} révoqué', en: 'API token #{tokenId} revoked' },
  'PUT /devices/:deviceId/override': { fr: 'Forçage de {deviceId} à {level} pendant {duration}', en: 'Override of {deviceId} at {level} for {duration}' },
  'DELETE /devices/:deviceId/override': { fr: 'Forçage de {deviceId} annulé', en: 'Override of {deviceId} cleared' },
  'PUT /groups/:groupId/override': { fr: 'Forçage du groupe {groupId} à {level} pendant {duration}', en: 'Override of group {groupId} at {level} for {duration}' },
  'DELETE /groups/:groupId/override': { fr: 'Forçage du groupe {groupId} annulé', en: 'Override of group {groupId} cleared' },
  'PUT /devices/:deviceId/config': { fr: 'Configuration de {deviceId} modifiée', en: 'Configuration of {deviceId} changed' },
  'PUT /devices/:deviceId/plan': { fr: 'Plan propre donné à {deviceId}', en: 'Own plan given to {deviceId}' },
  'PUT /groups/:groupId/plan': { fr: 'Plan sans nom donné au groupe {groupId}', en: 'Unnamed plan given to group {groupId}' },
  'POST /inventory': {
    fr: { one: 'Mise en service de {count} point lumineux', other: 'Mise en service de {count} points lumineux' },
    en: { one: 'Commissioning of {count} light', other: 'Commissioning of {count} lights' },
  },
  'POST /inventory/import': {
    fr: 'Import d’inventaire ({format}) : {created} créé(s), {updated} modifié(s), {unchanged} inchangé(s), {rejected} rejeté(s)',
    en: 'Inventory import ({format}): {created} created, {updated} updated, {unchanged} unchanged, {rejected} rejected',
  },
  'POST /devices/:deviceId/commission': { fr: 'Contrôleur {deviceId} mis en service sur le poteau {poleId}', en: 'Controller {deviceId} commissioned on pole {poleId}' },
  'PUT /inventory/cabinets/:cabinetId': { fr: 'Armoire {cabinetId} enregistrée', en: 'Cabinet {cabinetId} saved' },
  'DELETE /inventory/cabinets/:cabinetId': { fr: 'Armoire {cabinetId} retirée du service', en: 'Cabinet {cabinetId} taken out of service' },
  'PUT /inventory/cabinets/:cabinetId/circuits/:circuitId': { fr: 'Départ {circuitId} de l’armoire {cabinetId} enregistré', en: 'Circuit {circuitId} of cabinet {cabinetId} saved' },
  'DELETE /inventory/cabinets/:cabinetId/circuits/:circuitId': { fr: 'Départ {circuitId} de l’armoire {cabinetId} supprimé', en: 'Circuit {circuitId} of cabinet {cabinetId} deleted' },
  'PUT /inventory/poles/:poleId': { fr: 'Poteau {poleId} enregistré', en: 'Pole {poleId} saved' },
  'PATCH /inventory/poles/:poleId/luminaires/:luminaireId': { fr: 'Luminaire {luminaireId} du poteau {poleId} corrigé', en: 'Luminaire {luminaireId} of pole {poleId} corrected' },
  'POST /inventory/poles/:poleId/replace-controller': {
    fr: 'Contrôleur {newDeviceId} posé sur le poteau {poleId} à la place de l’ancien (retiré, accès révoqués)',
    en: 'Controller {newDeviceId} fitted on pole {poleId} in place of the old one (retired, access revoked)',
  },
  'POST /inventory/controllers/:deviceId/decommission': { fr: 'Contrôleur {deviceId} retiré du service, accès révoqués', en: 'Controller {deviceId} taken out of service, access revoked' },
  'POST /inventory/poles/:poleId/decommission': { fr: 'Poteau {poleId} retiré du service avec ses contrôleurs', en: 'Pole {poleId} taken out of service with its controllers' },
  'PUT /energy/settings': { fr: 'Fuseau horaire, tarif ou facteur d’émission modifié', en: 'Time zone, tariff or emission factor changed' },
  'POST /energy/quarantine/accept': { fr: 'Relevés d’énergie en quarantaine acceptés', en: 'Quarantined energy records accepted' },
  'POST /energy/quarantine/reject': { fr: 'Relevés d’énergie en quarantaine rejetés', en: 'Quarantined energy records rejected' },
  'POST /alarms/:alarmId/acknowledge': { fr: 'Alarme n° {alarmId} acquittée', en: 'Alarm #{alarmId} acknowledged' },
  'POST /alarms/:alarmId/assign': { fr: 'Alarme n° {alarmId} confiée à {assignee}', en: 'Alarm #{alarmId} assigned to {assignee}' },
  'POST /alarms/:alarmId/comments': { fr: 'Commentaire sur l’alarme n° {alarmId} : « {text} »', en: 'Comment on alarm #{alarmId}: "{text}"' },
  'POST /alarms/:alarmId/interventions': { fr: 'Intervention notée sur l’alarme n° {alarmId} : {action} ({doneBy})', en: 'Intervention recorded on alarm #{alarmId}: {action} ({doneBy})' },
  'POST /alarms/:alarmId/clear': { fr: 'Alarme n° {alarmId} terminée à la main : {reason}', en: 'Alarm #{alarmId} cleared by hand: {reason}' },
  'POST /contractors': { fr: 'Entreprise de maintenance « {name} » ajoutée', en: 'Maintenance company "{name}" added' },
  'PUT /contractors/:contractorId': { fr: 'Entreprise de maintenance « {name} » modifiée', en: 'Maintenance company "{name}" changed' },
  'PUT /notifications/settings': { fr: 'E-mails d’astreinte réglés ({recipients} destinataire(s))', en: 'On-duty e-mails set ({recipients} recipient(s))' },
  'POST /simulation/faults': { fr: 'Simulation (démo) : panne provoquée ou levée sur {target} ({lights} point(s) lumineux)', en: 'Simulation (demo): fault put on or lifted on {target} ({lights} light(s))' },
  'POST /plans': { fr: 'Plan « {name} » créé', en: 'Plan "{name}" created' },
  'PATCH /plans/:planId': { fr: 'Plan « {plan} » renommé « {name} »', en: 'Plan "{plan}" renamed "{name}"' },
  'POST /plans/:planId/versions': { fr: 'Nouvelle version du plan « {plan} »', en: 'New version of plan "{plan}"' },
  'PUT /groups/:groupId/settings': { fr: 'Groupe {groupId} : {changes}', en: 'Group {groupId}: {changes}' },
  'POST /groups/:groupId/members': { fr: 'Membres du groupe {groupId} : +{added}, −{removed}', en: 'Members of group {groupId}: +{added}, −{removed}' },
  'PUT /calendar/settings': { fr: 'Calendrier de la commune : jours fériés d’Alsace-Moselle réglés', en: 'Town calendar: Alsace-Moselle public holidays set' },
  'POST /calendar/school-holidays': { fr: 'Vacances scolaires importées (fichier du ministère)', en: 'School holidays imported (the ministry\'s file)' },
  'PUT /luminaire-models/:modelId': { fr: 'Modèle de luminaire {modelId} enregistré', en: 'Luminaire model {modelId} saved' },
  'DELETE /luminaire-models/:modelId': { fr: 'Modèle de luminaire {modelId} retiré du catalogue', en: 'Luminaire model {modelId} removed from the catalogue' },
  'POST /ota/images': { fr: 'Image de micrologiciel déposée', en: 'Firmware image uploaded' },
  'POST /ota/campaigns': { fr: 'Campagne de mise à jour « {name} » lancée', en: 'Update campaign "{name}" started' },
  'POST /ota/campaigns/:campaignId/pause': { fr: 'Campagne n° {campaignId} suspendue', en: 'Campaign #{campaignId} paused' },
  'POST /ota/campaigns/:campaignId/resume': { fr: 'Campagne n° {campaignId} reprise', en: 'Campaign #{campaignId} resumed' },
  'POST /ota/campaigns/:campaignId/cancel': { fr: 'Campagne n° {campaignId} annulée', en: 'Campaign #{campaignId} cancelled' },
  'POST /ota/campaigns/:campaignId/retry': { fr: 'Campagne n° {campaignId} : échecs relancés', en: 'Campaign #{campaignId}: failures retried' },
};

/** Parts of a sentence some entries add: a dry run of an import, an installer's note. */
const AUDIT_EXTRA: Record<Lang, { dryRun: string; note: string }> = {
  fr: { dryRun: 'Essai (rien d’écrit)', note: ' — note : « {note} »' },
  en: { dryRun: 'Dry run (nothing written)', note: ' — note: "{note}"' },
};

const WORDS: Record<Lang, Record<string, string>> = {
  fr: {
    POST: 'Création', PUT: 'Modification', PATCH: 'Modification', DELETE: 'Suppression', on: 'sur', cli: 'ligne de commande',
    plan: 'plan « {plan} »', category: 'catégorie {v}', zone: 'zone {v}', activity: 'horaires d’activité', priority: 'priorité {v}', noPlan: 'sans plan', changed: 'réglages modifiés',
    zone_ordinary: 'ordinaire', zone_astronomical_site: 'site astronomique', zone_nature_reserve: 'réserve naturelle',
  },
  en: {
    POST: 'Creation', PUT: 'Change', PATCH: 'Change', DELETE: 'Removal', on: 'of', cli: 'command line',
    plan: 'plan "{plan}"', category: 'category {v}', zone: 'zone {v}', activity: 'activity hours', priority: 'priority {v}', noPlan: 'no plan', changed: 'settings changed',
    zone_ordinary: 'ordinary', zone_astronomical_site: 'astronomical site', zone_nature_reserve: 'nature reserve',
  },
};

/** `{name}` from `vars`; a field the entry lacks reads as a dash. */
const fill = (s: string, vars: Vars): string => s.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '—');

/** The route's parameters read from the concrete path (`/groups/LIB/override` against `/groups/:groupId/override`). */
function params(pattern: string, target: string): Vars {
  const p = pattern.split('/'); const t = target.split('?')[0]?.split('/') ?? [];
  const out: Vars = {};
  p.forEach((seg, k) => { if (seg.startsWith(':') && t[k] !== undefined) out[seg.slice(1)] = decodeURIComponent(t[k] as string); });
  return out;
}

/** Who made the change, in words: an account's e-mail, an API token's name, the command line. */
export function auditActor(e: Pick<AuditEntry, 'actor' | 'actorName'>, lang: Lang): string {
  if (e.actor === 'cli') return WORDS[lang].cli as string;
  const name = e.actorName.replace(/^token /, '');
  if (e.actor.startsWith('token:')) return lang === 'fr' ? `jeton « ${name} »` : `token "${name}"`;
  return e.actorName;
}

/** What changed, in words. `plans`: plan names by id, `users`: e-mails by account id (so they are named). */
export function describeAudit(e: AuditEntry, i: I18n, plans: ReadonlyMap<number, string> = new Map(), users: ReadonlyMap<number, string> = new Map()): string {
  const [method = '', pattern = ''] = e.action.split(' ');
  const d = (e.detail && typeof e.detail === 'object' ? e.detail : {}) as Record<string, unknown>;
  const w = WORDS[i.lang];
  const planName = (id: unknown): string => (typeof id === 'number' ? plans.get(id) ?? `n° ${id}` : String(id ?? '—'));
  const vars: Vars = { ...params(pattern, e.target) };
  let count = 0;
  for (const [k, v] of Object.entries(d)) if (typeof v === 'string' || typeof v === 'number') vars[k] = String(v);
  if (typeof d.role === 'string') vars.role = i.code('role', d.role);
  if (typeof d.level === 'number') vars.level = i.pct(d.level);
  if (typeof d.durationS === 'number') vars.duration = i.duration(Math.round(d.durationS / 60));
  if (vars.planId) vars.plan = planName(Number(vars.planId));
  if (vars.userId) vars.account = users.get(Number(vars.userId)) ?? `n° ${vars.userId}`;
  if (pattern === '/inventory') {
    // The server's audit detail: the rows themselves ({body: [...]}), or their count beyond 20 ({count, first}).
    count = Array.isArray(d.body) ? d.body.length : Number(d.count ?? 0);
    vars.count = i.num(count);
  }
  if (pattern === '/groups/:groupId/members') {
    vars.added = i.num(Array.isArray(d.add) ? d.add.length : 0);
    vars.removed = i.num(Array.isArray(d.remove) ? d.remove.length : 0);
  }
  if (pattern === '/ota/campaigns' && !vars.name) vars.name = `image n° ${String(d.imageId ?? '—')}`;
  if (pattern === '/groups/:groupId/settings') {
    const changes: string[] = [];
    if ('planId' in d) changes.push(d.planId === null ? (w.noPlan as string) : fill(w.plan as string, { plan: planName(d.planId) }));
    if (typeof d.category === 'string') changes.push(fill(w.category as string, { v: i.code('cat', d.category) }));
    if (typeof d.zone === 'string') changes.push(fill(w.zone as string, { v: w[`zone_${d.zone}`] ?? d.zone }));
    if ('activity' in d) changes.push(w.activity as string);
    if (typeof d.priority === 'number') changes.push(fill(w.priority as string, { v: String(d.priority) }));
    vars.changes = changes.join(', ') || (w.changed as string);
  }
  const sentence = AUDIT_SENTENCES[`${method} ${pattern}`];
  if (sentence && pattern === '/inventory/import' && d.dryRun === 1) return `${AUDIT_EXTRA[i.lang].dryRun} — ${fill(sentence[i.lang] as string, vars)}`;
  if (sentence && pattern === '/devices/:deviceId/commission' && typeof d.note === 'string') {
    return `${fill(sentence[i.lang] as string, vars)}${AUDIT_EXTRA[i.lang].note.replace('{note}', d.note)}`;
  }
  if (sentence) {
    const s = sentence[i.lang];
    return fill(typeof s === 'string' ? s : s[new Intl.PluralRules(i.locale).select(count) === 'one' ? 'one' : 'other'], vars);
  }
  // A route without its sentence: the kind of change and the object, from the path.
  return `${w[method] ?? method} ${w.on} ${e.target.split('?')[0]?.split('/').filter(Boolean).join(' › ') ?? e.target}`;
}
