/**
 * French and English: French for a French browser, English for any other, until the person picks one (see
 * `initialLang`). Dates, numbers and units go through Intl with the chosen locale.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { parsePosixTz, toLocalMs, utcOffsetS, type PosixTz } from '@streetlight/firmware/tz';

export type Lang = 'fr' | 'en';

const fr = {
  appName: 'Éclairage public', signIn: 'Se connecter', signOut: 'Se déconnecter', email: 'Adresse e-mail', password: 'Mot de passe',
  badCredentials: 'Adresse ou mot de passe incorrect.', rateLimited: 'Trop de tentatives. Réessayez dans {s} s.',
  loginIntro: 'Gestion de l’éclairage de votre commune', town: 'Commune', noTenant: 'Votre compte n’a accès à aucune commune.',
  map: 'Carte', lights: 'Points lumineux', plans: 'Groupes et plans', energy: 'Énergie', alarms: 'Alarmes', firmware: 'Micrologiciel', admin: 'Utilisateurs et journal',
  role_viewer: 'Lecture seule', role_installer: 'Installateur', role_manager: 'Gestionnaire', role_admin: 'Administrateur',
  state_on: 'Allumé', state_dim: 'Abaissé', state_off: 'Éteint', state_fault: 'En défaut', state_offline: 'Hors ligne', state_updating: 'Mise à jour', state_unknown: 'Jamais connecté',
  search: 'Rechercher (identifiant, poteau, rue)', allStates: 'Tous les états', allGroups: 'Toutes les rues et groupes', group: 'Groupe', street: 'Rue',
  id: 'Identifiant', pole: 'Poteau', level: 'Niveau', power: 'Puissance', lastReport: 'Dernier rapport', state: 'État', count: { one: '{n} point lumineux', other: '{n} points lumineux' },
  page: 'Page {p} sur {n}', prev: 'Précédent', next: 'Suivant', loading: 'Chargement…', none: 'Aucun', details: 'Détails',
  currentState: 'État actuel', target: 'Consigne', source: 'Origine', source_plan: 'plan', source_override: 'forçage', source_fallback: 'secours', source_default: 'défaut', source_unspecified: '—',
  clock: 'Horloge', planInForce: 'Plan en vigueur', resolvedFrom: 'par le groupe {g} (priorité {p})', noPlan: 'Aucun plan', version: 'version',
  lastReports: 'Derniers rapports', energyChart: 'Énergie (derniers relevés)', commissioning: 'Mise en service', firmwareVersion: 'Version du micrologiciel',
  luminaire: 'Luminaire', nominalPower: 'Puissance nominale', cct: 'Température de couleur', position: 'Position', installedAt: 'Installé le', hardware: 'Matériel',
  // frugal learning (issue 17): the traffic the poles learnt, as a heat map of the week
  learntTraffic: 'Passages appris par ce point lumineux', streetTraffic: 'Passages appris dans la rue {g}', trafficHeatmap: 'Carte de chaleur de la semaine : probabilité d’un passage par heure',
  trafficNone: 'Pas encore de profil : le contrôleur l’envoie une fois par semaine après une semaine de détection.',
  trafficWeeks: { one: 'Appris sur {n} semaine, reçu le {d}.', other: 'Appris sur {n} semaines, reçu le {d}.' },
  trafficStreetOf: { one: 'Moyenne de {n} point lumineux ({m} dans la rue).', other: 'Moyenne de {n} points lumineux ({m} dans la rue).' },
  trafficCell: '{d} {h} h : {p}', trafficLegend: 'Plus la case est foncée, plus il est probable que quelqu’un passe dans l’heure (heure locale).',
  wdMon: 'lun.', wdTue: 'mar.', wdWed: 'mer.', wdThu: 'jeu.', wdFri: 'ven.', wdSat: 'sam.', wdSun: 'dim.',
  override: 'Forçage', overrideFor: 'Forcer le niveau', duration: 'Durée', fade: 'Fondu (s)', apply: 'Appliquer', clear: 'Annuler le forçage',
  overrideActive: 'Forçage à {l} jusqu’à {t}', overrideNone: 'Aucun forçage', overrideSet: { one: 'Forçage envoyé à {n} point lumineux.', other: 'Forçage envoyé à {n} points lumineux.' }, overrideCleared: 'Forçage annulé.',
  minutes: '{n} min', hours: '{n} h', days: '{n} j', readOnly: 'Votre rôle ne permet que la consultation.',
  events: 'Événements', downlinks: 'Messages envoyés', time: 'Heure', type: 'Type', detail: 'Détail', ack: 'Acquitter', acknowledged: 'Acquittée', open: 'Ouverte', cleared: 'Terminée',
  groups: 'Groupes', members: 'membres', newPlan: 'Nouveau plan', editPlan: 'Modifier', planName: 'Nom du plan', save: 'Enregistrer', saveVersion: 'Enregistrer une nouvelle version', cancel: 'Annuler',
  steps: 'Paliers de la nuit', addStep: 'Ajouter un palier', remove: 'Supprimer', anchor: 'Repère', offset: 'Décalage (min)', atTime: 'Heure',
  anchor_sunset: 'Coucher du soleil', anchor_sunrise: 'Lever du soleil', anchor_clock: 'Heure fixe', anchor_civil_dusk: 'Fin du crépuscule civil', anchor_civil_dawn: 'Début de l’aube civile',
  preview: 'Aperçu', previewFor: 'Évaluer pour le groupe', from: 'Du', nights: 'Nuits', estimated: 'Énergie estimée', baseline: 'Référence (100 % du coucher au lever)', savings: 'Économie',
  compliance: 'Conformité (arrêté du 27 décembre 2018)', compliant: 'Aucune non-conformité trouvée.', checking: 'Vérification…',
  severity_error: 'Erreur', severity_warning: 'Avertissement', severity_info: 'Information',
  assign: 'Affecter au groupe', assigned: { one: 'Plan affecté au groupe {g} ({n} point lumineux).', other: 'Plan affecté au groupe {g} ({n} points lumineux).' }, assignedTo: 'Affecté à', category: 'Catégorie (art. 1)', priority: 'Priorité',
  saved: 'Plan enregistré (version {v}).', unassigned: 'aucun', planList: 'Plans', choosePlan: 'Choisir un plan…',
  period: 'Période', month: 'Mois', year: 'Année', byGroup: 'Par groupe', byTown: 'Commune', exportCsv: 'Exporter en CSV', consumption: 'Consommation', cost: 'Coût', co2: 'CO₂ évité', burningHours: 'Heures d’allumage', avgLevel: 'Niveau moyen',
  noData: 'Pas encore de données pour cette période.', notAvailable: 'Pas encore disponible',
  firmwareNA: 'La gestion des mises à jour du micrologiciel (images signées, campagnes par vagues) n’est pas encore disponible sur ce serveur. Les versions installées sont visibles ci-dessous.',
  versions: 'Versions installées', users: 'Utilisateurs', audit: 'Journal des modifications', tokens: 'Jetons d’API', who: 'Qui', what: 'Quoi', when: 'Quand', target_: 'Objet',
  addUser: 'Ajouter un utilisateur', name: 'Nom', role: 'Rôle', add: 'Ajouter', generatedPassword: 'Mot de passe provisoire de {e} : {p} (affiché une seule fois)',
  lang: 'Langue', error: 'Erreur', forbidden: 'Action non autorisée pour votre rôle.', legend: 'Légende', fit: 'Recentrer', zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière',
  refreshEvery: 'Actualisé toutes les {s} s', openDetail: 'Ouvrir la fiche', onLights: { one: '{n} allumé', other: '{n} allumés' }, kwh: 'kWh', litHours: 'Heures allumées',
  tabPlans: 'Plans', night: 'Nuit du {d}', everyNight: 'Toutes les nuits', steps_: 'paliers', nameRequired: 'Donnez un nom au plan.',
  images: 'Images', campaigns: 'Campagnes', uploadImage: 'Déposer une image', file: 'Fichier', hardwareModels: 'Modèles de matériel (séparés par des virgules)', kind: 'Type',
  releaseNotes: 'Notes de version', upload: 'Déposer', newCampaign: 'Nouvelle campagne', image: 'Image', start: 'Lancer', pause: 'Suspendre', resume: 'Reprendre', cancelCampaign: 'Annuler la campagne', retry: 'Relancer les échecs',
  wave: 'Vague {n}', devices: { one: '{n} contrôleur', other: '{n} contrôleurs' }, status: 'Statut', otaUnavailable: 'Les mises à jour du micrologiciel ne sont pas configurées sur ce serveur : il lui faut une clé de signature (réglage OTA_SIGNING_KEY, voir la documentation).', campaignName: 'Nom de la campagne', progress: 'Avancement', size: 'Taille', noCampaign: 'Aucune campagne.', noImage: 'Aucune image.',
  ota_running: 'en cours', ota_paused: 'suspendue', ota_halted: 'arrêtée', ota_completed: 'terminée', ota_cancelled: 'annulée',
  assignedPlan: 'Plan affecté', cat_a: 'a) voirie, déplacements', cat_b_heritage: 'b) patrimoine', cat_b_parks: 'b) parcs et jardins', cat_c: 'c) équipements sportifs', cat_d_buildings: 'd) bâtiments non résidentiels', cat_d_shop_windows: 'd) vitrines', cat_e: 'e) parcs de stationnement', cat_f: 'f) événementiel', cat_g: 'g) chantiers',
  account: 'Mon compte', changePassword: 'Changer de mot de passe', currentPassword: 'Mot de passe actuel', newPassword: 'Nouveau mot de passe', passwordRule: 'Au moins 10 caractères ; une phrase est plus sûre qu’un mot compliqué.',
  pw_blank: 'Le mot de passe ne peut pas être fait que d’espaces.', pw_one_character: 'Le mot de passe ne peut pas répéter un seul caractère.',
  pw_common: 'Ce mot de passe fait partie des plus courants : choisissez-en un autre (une phrase de quelques mots se retient bien).', pw_contains_identity: 'Le mot de passe ne peut pas contenir votre adresse e-mail ni votre nom.',
  dev_queued: 'en attente', dev_offered: 'proposée', dev_downloading: 'téléchargement', dev_verifying: 'vérification', dev_installing: 'installation', dev_rebooting: 'redémarrage', dev_confirmed: 'confirmée', dev_rolled_back: 'retour arrière', dev_failed: 'échec', dev_timed_out: 'délai dépassé', dev_cancelled: 'annulée',
  alarmsOpen: { one: '{n} ouverte', other: '{n} ouvertes' }, alarmType: 'Type', severity: 'Gravité', light: 'Point lumineux', raised: 'Levée le', all: 'Toutes',
  // codes of the API, in words (every one a page may show: tests/e2e/ui-daily.test.ts, test/ui-i18n.test.ts)
  event_unspecified: 'Événement', event_lamp_failure: 'Lampe en panne', event_day_burner: 'Allumé en plein jour', event_cycling: 'Lampe qui clignote',
  event_voltage_low: 'Tension d’alimentation basse', event_voltage_high: 'Tension d’alimentation haute', event_meter_fault: 'Puce de mesure muette',
  event_clock_lost: 'Heure perdue', event_storage_fault: 'Mémoire en défaut', event_frame_rejected: 'Message refusé', event_implausible_energy: 'Relevés d’énergie invraisemblables',
  // issue 17: the luminaire's DALI-2 / D4i driver (components/d4i.tsx)
  event_driver_overtemp: 'Driver en surchauffe', event_led_failure: 'LED en panne (driver)', event_driver_voltage: 'Tension hors plage du driver',
  event_led_end_of_life: 'LED en fin de vie', event_dali_fault: 'Driver DALI muet',
  d4iTitle: 'Luminaire décrit par son driver (DALI-2 / D4i)', d4iNone: 'Ce contrôleur n’a signalé aucun driver DALI-2 / D4i.',
  d4iReadAt: 'Lu le {d} ({r}).', d4iNotD4i: 'Le driver ne contient pas de données D4i du luminaire.',
  d4iReason_boot: 'au démarrage', d4iReason_requested: 'à la demande', d4iReason_periodic: 'relevé quotidien', d4iReason_unspecified: 'relevé',
  gtin: 'GTIN', flux: 'Flux lumineux', serialNumber: 'Numéro de série', manufactured: 'Fabrication', weekOfYear: 'semaine {w} de {y}', cri: 'IRC',
  mainsRange: 'Plage de tension secteur', driverIdentity: 'Driver (GTIN, série, version)',
  srcDeclared: 'déclaré', srcDriver: 'relevé par le driver', srcDriverSays: '(le driver indique {v})',
  d4iDiagnostics: 'Diagnostic du driver', d4iFailures: 'Défauts signalés', driverEnergy: 'Énergie comptée par le driver', operatingHours: 'Heures de fonctionnement',
  ledOnHours: 'Heures d’éclairage des LED', starts: 'Allumages', supplyVoltage: 'Tension d’alimentation', driverTemperature: 'Température du driver', ledVoltageCurrent: 'LED : tension, courant',
  d4iFail_led_open: 'LED en circuit ouvert', d4iFail_led_short: 'LED en court-circuit', d4iFail_lamp_failure: 'panne de lampe', d4iFail_thermal_derating: 'puissance réduite (surchauffe)',
  d4iFail_thermal_shutdown: 'arrêt thermique', d4iFail_undervoltage: 'sous-tension', d4iFail_overvoltage: 'surtension', d4iFail_light_source_failure: 'source lumineuse en défaut',
  d4iRead: 'Relire le driver', d4iReadSent: 'Demande envoyée : le contrôleur relit son driver et l’envoie dans quelques secondes.',
  d4iReadOffline: 'Demande envoyée, mais le contrôleur est hors ligne : il relira son driver à son prochain démarrage.',
  sev_critical: 'Critique', sev_major: 'Majeure', sev_minor: 'Mineure',
  // alarms handled to the end (pages/alarms.tsx)
  alarmUnresolved: 'En cours (non terminées)', alarmAssigned: 'Confiée', alarmIntervened: 'Intervention faite', alarmAge: 'Ancienneté',
  alarmAgeAny: 'Toutes', alarmAge1h: 'Plus d’une heure', alarmAge24h: 'Plus d’un jour', alarmAge7d: 'Plus d’une semaine', alarmCabinet: 'Armoire {c}',
  alarmsUnresolvedCount: { one: '{n} alarme en cours', other: '{n} alarmes en cours' }, alarmAssignee: 'Confiée à', alarmMailAndCompanies: 'E-mails d’astreinte et entreprises de maintenance',
  alarmActionFailed: 'Action refusée', alarmDetail: 'Détail de l’alarme', close: 'Fermer', alarmRaisedAt: 'Levée le {t}', alarmNotifiedAt: 'Signalée par e-mail le {t}',
  alarmAckBy: 'Acquittée le {t} par {by}', alarmAssignedTo: 'Confiée à {name} le {t}', alarmInterventionLine: 'Intervention le {t} par {by} : {what}', alarmParts: 'pièces remplacées',
  alarmClearedBy: 'Terminée à la main le {t} par {by} : {why}', alarmClearedByDevice: 'Terminée le {t} : le contrôleur ne voit plus le défaut', alarmComments: 'Commentaires',
  alarmComment: 'Commentaire', alarmAddComment: 'Ajouter', alarmAssignTo: 'Confier à', alarmPeople: 'Personnes de la commune', alarmCompanies: 'Entreprises de maintenance',
  alarmAssign: 'Confier', alarmRecordIntervention: 'Noter une intervention', alarmDoneAt: 'Date et heure', alarmDoneBy: 'Par (personne ou entreprise)', alarmWhatDone: 'Ce qui a été fait',
  alarmPartsHint: 'Pièces remplacées (séparées par des virgules)', alarmClearReason: 'Motif pour terminer à la main', alarmClear: 'Terminer',
  alarmMail: 'E-mails aux personnes d’astreinte', alarmMailHint: 'Un récapitulatif des nouvelles alarmes par période (un message au plus par période), jamais un message par lampe.',
  alarmMailOn: 'Envoyer les récapitulatifs', alarmRecipients: 'Destinataires (personnes d’astreinte)', smtpHost: 'Serveur SMTP', smtpPort: 'Port', smtpTls: 'Chiffrement', smtpTlsNone: 'Aucun',
  alarmPeriod: 'Période (min)', smtpUser: 'Identifiant SMTP', smtpPasswordKept: 'enregistré (laisser vide pour le garder)', smtpFrom: 'Adresse d’expédition',
  alarmUiUrl: 'Adresse de l’interface (liens des messages)', alarmDigestLine: 'Récapitulatif de {t} : {n} alarme(s)', alarmDigestSent: 'envoyé', alarmDigestPending: 'en attente ({n} essai(s))',
  alarmMailSaved: 'Réglages des e-mails enregistrés.', alarmArchive: 'Archiver', alarmCompanyName: 'Nom de l’entreprise', alarmPhone: 'Téléphone', alarmAddCompany: 'Ajouter l’entreprise',
  simTitle: 'Simulation (démo)', simHint: 'Provoque une panne sur les contrôleurs simulés de la démo : ils la détectent et la signalent comme sur un vrai poteau.',
  simFault: 'Panne', simSupplyFault: 'Défaut d’alimentation d’une armoire', simCircuit: 'Départ d’armoire', simInject: 'Provoquer', simLift: 'Réparer',
  simInjected: { one: 'Panne provoquée sur {n} point lumineux.', other: 'Panne provoquée sur {n} points lumineux.' }, simLifted: { one: 'Panne levée sur {n} point lumineux.', other: 'Panne levée sur {n} points lumineux.' },
  clock_unspecified: 'inconnue', clock_unset: 'pas à l’heure', clock_rtc: 'horloge interne', clock_synced: 'synchronisée',
  halt_errors: { one: '{n} contrôleur sur {a} en échec (seuil {t})', other: '{n} contrôleurs sur {a} en échec (seuil {t})' },
  halt_wave: { one: 'vague {w} terminée avec {n} contrôleur confirmé sur {a} (seuil {t})', other: 'vague {w} terminée avec {n} contrôleurs confirmés sur {a} (seuil {t})' },
  kib: '{n} Kio', mib: '{n} Mio', imageFull: 'image complète', imageMod: 'module JavaScript',
  reasonNotConnected: 'jamais connecté : proposée à sa première connexion', reasonNoProgress: 'aucun progrès depuis {s} s',
  // issue 7 follow-up: syndicate, time zones, settings, catalogue, membership, accounts, tokens
  towns: 'Communes', syndicateOverview: '{s} — vue d’ensemble', syndicateTowns: 'communes adhérentes', noTowns: 'Aucune commune adhérente.',
  faults: 'En défaut', onlineN: { one: '{n} connecté', other: '{n} connectés' }, offlineN: '{n} hors ligne', total: 'Total',
  townsNote: 'Du {from} au {to}, jours locaux de chaque commune ; énergie et économies d’après les relevés reçus, coût au tarif de chaque commune.',
  townTime: 'Les heures sont affichées à l’heure légale de la commune', townTimeShort: 'Heure de la commune : {z}', timesIn: 'heures de la commune, {z}',
  settings: 'Paramètres', energySettings: 'Fuseau horaire, tarif et facteur d’émission', timeZone: 'Fuseau horaire de la commune', tzRule: 'Règle POSIX TZ',
  tz_fr: 'France métropolitaine (CET/CEST)', tz_antilles: 'Guadeloupe, Martinique, Saint-Martin (UTC−4)', tz_guyane: 'Guyane (UTC−3)', tz_reunion: 'La Réunion (UTC+4)',
  tz_mayotte: 'Mayotte (UTC+3)', tz_spm: 'Saint-Pierre-et-Miquelon (UTC−3/−2)', tz_nc: 'Nouvelle-Calédonie (UTC+11)', tz_pf: 'Polynésie française, Tahiti (UTC−10)',
  tz_wf: 'Wallis-et-Futuna (UTC+12)', tz_utc: 'UTC', tz_custom: 'Autre (règle POSIX TZ)…',
  tariff: 'Tarif (€ HT par kWh)', emissionFactor: 'Facteur d’émission (g CO₂e par kWh)',
  tzNote: 'Le fuseau fixe les jours des rapports d’énergie (relevés reçus après le changement) et l’heure de toutes les dates affichées.',
  settingsSaved: 'Paramètres enregistrés.', settingsDefault: 'Valeurs par défaut : indiquez le tarif de votre contrat et le facteur d’émission de votre bilan.',
  settingsHelp: 'Le catalogue des luminaires donne à chaque point lumineux commandé par ce modèle sa puissance assignée, sa courbe de gradation et son niveau minimal ; la température de couleur et le ULR servent au contrôle de l’arrêté du 27 décembre 2018 (art. 3 et 4).',
  catalogue: 'Catalogue des luminaires', model: 'Modèle', modelId: 'Référence', curve: 'Courbe', curve_linear: 'linéaire', curve_logarithmic: 'logarithmique', minLevel: 'Niveau minimal', ulr: 'ULR',
  fluxLm: 'Flux (lm)', cieCode3: 'Code flux CIE n°3 (%)', maxPowerW: 'Puissance maximale (W)', driverInterface: 'Pilotage du driver', driver_none: '—',
  driver_pwm: 'PWM', 'driver_0-10v': '0–10 V', 'driver_1-10v': '1–10 V', driver_dali: 'DALI', driver_d4i: 'DALI-2 D4i', decreeFields: 'Arrêté du 27 décembre 2018',
  addModel: 'Ajouter un modèle', modelSaved: { one: 'Modèle {m} enregistré ({n} point lumineux reconfiguré).', other: 'Modèle {m} enregistré ({n} points lumineux reconfigurés).' }, confirmRemoveModel: 'Retirer le modèle {m} du catalogue ? Les points lumineux gardent leur configuration.',
  selectAll: 'Tout sélectionner', selectedN: { one: '{n} sélectionné', other: '{n} sélectionnés' }, clearSelection: 'Vider la sélection', newGroup: 'Nouveau groupe…', newGroupName: 'Nom du nouveau groupe',
  addToGroup: 'Ajouter au groupe', removeFromGroup: 'Retirer du groupe', groupIdRule: 'Nom de groupe : lettres, chiffres, - et _ (64 au plus).',
  addedToGroup: { one: '{n} point ajouté au groupe {g} ({m} membres).', other: '{n} points ajoutés au groupe {g} ({m} membres).' }, removedFromGroup: { one: '{n} point retiré du groupe {g} ({m} membres).', other: '{n} points retirés du groupe {g} ({m} membres).' },
  selectTool: 'Sélection', selectToolHelp: 'Tracez un rectangle ou cliquez sur des points pour les sélectionner, puis choisissez un groupe.',
  // the map (issue 16): lasso, search, the legend's shapes, the streets drawn from the poles, actions on the selection's group
  lassoTool: 'Lasso', lassoHelp: 'Entourez des points à main levée (ou cliquez dessus) pour les sélectionner, puis choisissez un groupe.',
  mapSearch: 'Rechercher sur la carte', mapSearchHint: 'Rue, poteau ou identifiant', mapSearchNone: 'Aucun résultat.',
  hitStreet: 'Rue', hitPole: 'Poteau', hitDevice: 'Contrôleur',
  legendShapes: 'Chaque état a sa forme : plein = allumé, demi = abaissé, sombre = éteint, triangle = panne, cercle barré = hors ligne, losange = mise à jour, carré creux = jamais connecté.',
  streetsFromPoles: 'Rues tracées d’après la position des poteaux (pas de fond de carte configuré).', bulkForGroup: 'Groupe {g} : forçage ou plan',
  otaInProgress: 'Mise à jour du micrologiciel en cours : {c} — {s} ({p}).',
  actions: 'Actions', accountDisabled: 'Désactivé', disableAccount: 'Désactiver le compte', enableAccount: 'Réactiver le compte', resetPassword: 'Nouveau mot de passe', removeRole: 'Retirer l’accès à cette collectivité',
  confirmDisable: 'Désactiver le compte {e} ? Ses sessions et ses jetons d’API cessent de fonctionner immédiatement.', confirmResetPassword: 'Donner un nouveau mot de passe à {e} ? Ses sessions sont fermées.',
  confirmRemoveRole: 'Retirer à {e} son accès à {t} ?', accountDisabledMsg: 'Compte {e} désactivé.', accountEnabledMsg: 'Compte {e} réactivé.', roleRemoved: 'Accès de {e} retiré.', roleGiven: 'Accès donné à {e}.',
  createToken: 'Créer un jeton', tokenName: 'Nom (usage du jeton)', expiresInDays: 'Expire dans (jours)', lastUsed: 'Dernière utilisation', createdOn: 'créé le {d}', expiresOn: 'expire le {d}',
  tokenActive: 'actif', tokenRevoked: 'révoqué', tokenExpired: 'expiré', revoke: 'Révoquer', confirmRevoke: 'Révoquer le jeton « {n} » ? Les intégrations qui l’utilisent cessent de fonctionner.',
  tokenRevokedMsg: 'Jeton « {n} » révoqué.', tokenOnce: 'Jeton « {n} » : copiez-le maintenant, il ne sera plus jamais affiché.', copy: 'Copier', tokenStored: 'C’est noté',
  // the installer's commissioning page on the pole
  install: 'Mise en service', installIntro: 'Scannez ou saisissez l’étiquette du contrôleur, prenez la position au pied du poteau, puis enregistrez.',
  labelField: 'Étiquette (texte du QR code)', labelHelp: 'SLC1:… collé ou saisi — ou bien l’identifiant et le code ci-dessous.', labelRead: 'Contrôleur {d} · code {c}',
  labelInvalid: 'Ce texte n’est pas celui d’une étiquette de contrôleur (SLC1:identifiant:code).', orTypeIt: 'ou', deviceId: 'Identifiant du contrôleur', claimCode: 'Code de mise en service',
  scanQr: 'Scanner le QR code', stopScan: 'Arrêter le scan', cameraError: 'Caméra indisponible : {m}',
  myPosition: 'Ma position', locating: 'Localisation…', latitude: 'Latitude', longitude: 'Longitude', accuracyM: 'Précision : {m} m',
  accuracyWarn: 'Précision faible ({m} m) : attendez à découvert quelques secondes et recommencez.', geoError: 'Position indisponible ({m}) : saisissez-la.',
  poleRef: 'Référence du poteau', noneOption: '— aucun —', ratedPowerW: 'Puissance assignée (W)', draftKept: 'La saisie reste sur ce téléphone jusqu’à l’enregistrement.',
  saving: 'Enregistrement…', offlineRetry: 'hors ligne — nouvel essai dans {s} s', retryNow: 'Réessayer maintenant',
  claimRefused: 'Refusé : {r}.', claim_wrong_code: 'code incorrect', claim_revoked: 'contrôleur révoqué', claim_unknown_device: 'contrôleur inconnu pour cette commune',
  claim_no_claim_code: 'ce contrôleur n’a pas de code de mise en service (à provisionner de nouveau)',
  needDevice: 'Indiquez le contrôleur : l’étiquette, ou l’identifiant et le code.', needPosition: 'Indiquez la position : « Ma position », ou la latitude et la longitude.',
  invalidInput: 'Saisie refusée : {m}', commissioned: 'Contrôleur {d} mis en service.', recommissioned: 'Contrôleur {d} : mise en service corrigée.',
  linkOnline: 'En ligne', linkOffline: 'Hors ligne', reportedLevel: 'Niveau du luminaire', desiredOverride: 'Forçage demandé',
  configState: 'Configuration', configApplied: 'reçue (version {v})', configPending: 'en attente (version {v})', waitingDevice: 'En attente des nouvelles du contrôleur…',
  watchStopped: 'Suivi arrêté après 10 minutes.', nextController: 'Contrôleur suivant', watching: 'Actualisé toutes les 2 s',
  // replacing or decommissioning on the pole
  mode_commission: 'Mettre en service', mode_replace: 'Remplacer', mode_decommission: 'Retirer',
  replaceIntro: 'Le poteau garde son luminaire, son historique et son énergie ; l’ancien contrôleur est retiré et ses accès révoqués.',
  findPole: 'Voir le poteau', poleNotFound: 'Poteau inconnu dans cette commune.', onPole: 'Sur ce poteau : {l}', noController: 'sans contrôleur',
  newController: 'Nouveau contrôleur (étiquette)', replace: 'Remplacer le contrôleur', replacing: 'Remplacement…',
  replaced: 'Contrôleur {o} remplacé par {n} sur le poteau {p} ; l’ancien est retiré, ses accès révoqués.', installedOnPole: 'Contrôleur {n} posé sur le poteau {p}.',
  needPole: 'Indiquez la référence du poteau.', conflict_not_on_pole: 'ce contrôleur n’est pas sur ce poteau', conflict_same_controller: 'c’est déjà le contrôleur du poteau',
  conflict_controller_in_service: 'ce contrôleur est déjà en service sur le poteau {p} : retirez-le d’abord', conflict_pole_decommissioned: 'ce poteau est retiré du service',
  conflict_several_luminaires: 'ce poteau porte plusieurs luminaires : précisez l’ancien contrôleur', conflict_no_luminaire: 'ce poteau ne porte aucun luminaire',
  conflict_already_retired: 'ce contrôleur est déjà retiré', conflict_no_position: 'ce poteau n’a pas de position',
  oldController: 'Ancien contrôleur (facultatif)', decommissionIntro: 'Retiré, un contrôleur ou un poteau sort des listes, des comptes et des exports ; il reste dans l’historique.',
  decommissionWhat: 'Que retirer ?', whatController: 'Un contrôleur', whatPole: 'Un poteau (et ses contrôleurs)', confirmDecommission: 'Je confirme le retrait',
  decommission: 'Retirer du service', decommissioning: 'Retrait…', decommissionedController: 'Contrôleur {d} retiré du service, accès révoqués.',
  decommissionedPole: 'Poteau {p} retiré du service ({n} contrôleur(s) retiré(s)).', needConfirm: 'Cochez la confirmation.', unknownController: 'Contrôleur inconnu dans cette commune.',
  // the installer's page: a pole of the town (issue 15), cabinet, circuit, date and note
  poleChoice: 'Poteau', nearPoles: 'Poteaux de la commune les plus proches', nearNone: 'Aucun poteau sans contrôleur à proximité : saisissez la référence d’un nouveau poteau.',
  metresAway: 'à {m} m', noLuminaireYet: 'sans luminaire', polePicked: 'Poteau {p} de l’inventaire : sa position, sa rue et son luminaire sont repris.',
  movePole: 'Corriger la position du poteau avec celle du téléphone', poleRefHelp: 'Référence d’un poteau de l’inventaire, ou d’un nouveau poteau créé à cette position.',
  cabinet: 'Armoire', circuit: 'Départ', installDate: 'Date de pose du luminaire', noteField: 'Note (facultative)', installerNote: 'Note de pose',
  // the inventory at the desk: import a file, cabinets, poles and a pole's history (issue 15)
  inventory: 'Inventaire', importTitle: 'Importer l’inventaire (CSV ou GeoJSON)',
  importHelp: 'Un fichier CSV enregistré par Excel (séparateur « ; », virgule décimale, UTF-8 ou Windows-1252) ou un GeoJSON. Une ligne sans contrôleur est un poteau à équiper plus tard. Vérifiez d’abord : rien n’est écrit ; l’application écrit tout ou rien.',
  importFile: 'Fichier', importDryRun: 'Vérifier (essai)', importApply: 'Appliquer l’import', importNoFile: 'Choisissez un fichier.', importRefused: 'Fichier refusé : {m}',
  importApplied: 'Import appliqué : l’inventaire est à jour.', importHasRejected: { one: '{n} ligne rejetée : rien ne sera écrit tant qu’elle ne sera pas corrigée.', other: '{n} lignes rejetées : rien ne sera écrit tant qu’elles ne seront pas corrigées.' },
  importReady: 'Aucune ligne rejetée : l’import peut être appliqué.',
  import_created: { one: 'créé', other: 'créés' }, import_updated: { one: 'modifié', other: 'modifiés' }, import_unchanged: { one: 'inchangé', other: 'inchangés' },
  import_rejected: { one: 'rejeté', other: 'rejetés' },
  importStatus_created: 'créé', importStatus_updated: 'modifié', importStatus_unchanged: 'inchangé', importStatus_rejected: 'rejeté',
  importEncoding: 'Lu en {e} ({f})', importIgnored: 'colonnes ignorées : {c}', importOnlyProblems: 'Seulement les lignes modifiées ou rejetées',
  importLine: 'Ligne', importWhat: 'Objet', importController: 'contrôleur {d}', importPole: 'poteau {p}', importMoreLines: '{n} premières lignes sur {t}.',
  cabinets: 'Armoires et départs', noCabinet: 'Aucune armoire enregistrée.', pdl: 'PDL', contractedKva: 'Puissance souscrite (kVA)', circuits: 'Départs (poteaux)', polesCount: 'Poteaux',
  polesTitle: 'Poteaux', poleSearch: 'Rechercher (poteau, rue, armoire, contrôleur)', noPole: 'Aucun poteau.', controller: 'Contrôleur', heightM: 'Hauteur (m)',
  luminaires: 'Luminaires', poleHistory: 'Historique des contrôleurs', until: 'Jusqu’au', why: 'Fin', serving: 'en service', poleRetired: 'retiré du service le {d}',
  end_replaced: 'remplacé par {d}', end_decommissioned: 'retiré du service', end_pole_decommissioned: 'poteau retiré', end_moved: 'déplacé',
  // the plan calendar (issue 16): month view, public and school holidays, events, the town's calendar
  calendar: 'Calendrier', calPrev: 'Mois précédent', calNext: 'Mois suivant', calDefault: 'programme par défaut', calProgram: 'programme n° {p}',
  calNightOf: 'Nuit du {d}', calRuleDates: 'dates', calRuleWeekdays: 'jours de la semaine', calSetHolidays: 'Jours fériés', calSetSchool: 'Vacances scolaires zone {z}',
  calSchoolShort: 'vacances {z}', calLegend: 'Chaque case est une nuit (le soir de la date) ; ● : un autre programme que celui par défaut (n° {p}).',
  calExceptions: 'Exceptions du calendrier', calSet: 'Ensemble de dates', calEventName: 'Événement', calEventDate: 'Soir', calMoreDates: { one: 'et {n} autre date', other: 'et {n} autres dates' },
  calRunsProgram: 'Programme', calNoException: 'Aucune exception : les règles des jours et le programme par défaut s’appliquent.',
  calAddHolidays: 'Ajouter les jours fériés', calAddSchool: 'Ajouter les vacances scolaires', calAddEvent: 'Ajouter un événement',
  calTown: 'Calendrier de la commune', calAlsace: 'Jours fériés d’Alsace-Moselle (Vendredi saint, 26 décembre)',
  calSchoolZone: { one: 'Zone {z} : {n} période, jusqu’au {d}', other: 'Zone {z} : {n} périodes, jusqu’au {d}' }, calSchoolZoneNone: 'Zone {z} : aucune période importée',
  calSchoolImport: 'Importer les vacances scolaires (fichier CSV du ministère)',
  calSchoolHelp: 'Le jeu de données « fr-en-calendrier-scolaire » de data.education.gouv.fr, export CSV (séparateur « ; »). Les années scolaires du fichier remplacent celles déjà importées.',
  calImported: { one: '{n} période importée.', other: '{n} périodes importées.' }, calRefused: 'Fichier refusé : {m}', calLine: 'ligne {l} : {m}',
  calFirstNight: 'dès la nuit du {d}',
  // the council report on the energy page (issue 16)
  councilReport: 'Rapport du conseil', councilPdf: 'Télécharger le PDF', councilCsv: 'Télécharger le CSV', moneySaved: 'Économie en euros',
  vsLastYear: 'Par rapport à l’an dernier', councilFaults: 'Pannes signalées / réparées / en cours', medianRepair: 'réparation en {h} h (médiane)',
  councilCompliance: 'Arrêté du 27/12/2018', councilComplianceHelp: 'groupes non conformes / points lumineux hors art. 3',
  // issue 17: presence steps in the plan editor, constant light output
  presenceMode: 'Détection', presenceHelp: 'Veille, relevé à {l} à chaque passage :', baseLevel: 'Niveau de veille', holdS: 'Maintien (s)',
  fadeUpS: 'Montée (s)', fadeDownS: 'Descente (s)', anticipatePct: 'Anticiper dès (%)', prelightLevel: 'Niveau anticipé',
  anticipateHelp: 'Le poteau allume à l’avance quand la fréquentation qu’il a apprise donne au moins cette probabilité de passage dans les minutes qui viennent (0 : jamais).',
  trafficProfile: 'Fréquentation', street_residential: 'rue résidentielle',
  street_collector: 'rue de desserte', street_main: 'axe principal', street_pedestrian: 'rue piétonne', street_park: 'parc',
  presenceExpected: 'Détection : relevé {r} h sur {p} h cette nuit (estimation, {s}).', curveBase: 'veille', curveRaised: 'sur détection',
  lumenMaintenance: 'Maintien du flux', lxxAt: 'L{l} à {h} h', cloFields: 'Flux constant (vieillissement des LED)', cloLxx: 'Flux restant Lxx (%)',
  cloRatedH: 'à (heures de fonctionnement)', cloHelp: 'Ex. L80 à 100 000 h : le contrôleur alimente une LED neuve moins fort, et plus fort avec l’âge, pour une lumière constante.',
  cloTitle: 'Flux constant', cloDrive: 'Alimentation', cloLedHours: 'Âge de la LED', cloSaved: 'Énergie économisée', cloNone: 'Pas de flux constant pour ce point lumineux.',
  cloTown: 'Flux constant : {n} points lumineux, {k} économisés depuis la mise en service.',
} as const;

/** A text that depends on a count `{n}`: Intl.PluralRules' categories of the language (French: 0 and 1 are `one`). */
export interface Plural { one: string; other: string; many?: string }
type Dict = { [K in keyof typeof fr]: (typeof fr)[K] extends string ? string : Plural };

const en: Dict = {
  appName: 'Street lighting', signIn: 'Sign in', signOut: 'Sign out', email: 'E-mail address', password: 'Password',
  badCredentials: 'Wrong e-mail or password.', rateLimited: 'Too many attempts. Try again in {s} s.',
  loginIntro: 'Lighting management for your town', town: 'Town', noTenant: 'Your account has access to no town.',
  map: 'Map', lights: 'Lights', plans: 'Groups and plans', energy: 'Energy', alarms: 'Alarms', firmware: 'Firmware', admin: 'Users and audit log',
  role_viewer: 'Viewer', role_installer: 'Installer', role_manager: 'Lighting manager', role_admin: 'Administrator',
  state_on: 'On', state_dim: 'Dimmed', state_off: 'Off', state_fault: 'Fault', state_offline: 'Offline', state_updating: 'Updating', state_unknown: 'Never connected',
  search: 'Search (id, pole, street)', allStates: 'All states', allGroups: 'All streets and groups', group: 'Group', street: 'Street',
  id: 'Id', pole: 'Pole', level: 'Level', power: 'Power', lastReport: 'Last report', state: 'State', count: { one: '{n} light', other: '{n} lights' },
  page: 'Page {p} of {n}', prev: 'Previous', next: 'Next', loading: 'Loading…', none: 'None', details: 'Details',
  currentState: 'Current state', target: 'Target', source: 'Source', source_plan: 'plan', source_override: 'override', source_fallback: 'fallback', source_default: 'default', source_unspecified: '—',
  clock: 'Clock', planInForce: 'Plan in force', resolvedFrom: 'through group {g} (priority {p})', noPlan: 'No plan', version: 'version',
  lastReports: 'Last reports', energyChart: 'Energy (latest records)', commissioning: 'Commissioning', firmwareVersion: 'Firmware version',
  luminaire: 'Luminaire', nominalPower: 'Rated power', cct: 'Colour temperature', position: 'Position', installedAt: 'Installed', hardware: 'Hardware',
  learntTraffic: 'Passers-by this light has learnt', streetTraffic: 'Passers-by learnt in street {g}', trafficHeatmap: 'Heat map of the week: the probability that someone passes, by hour',
  trafficNone: 'No profile yet: the controller sends one a week, after a week of detections.',
  trafficWeeks: { one: 'Learnt over {n} week, received {d}.', other: 'Learnt over {n} weeks, received {d}.' },
  trafficStreetOf: { one: 'Mean of {n} light ({m} in the street).', other: 'Mean of {n} lights ({m} in the street).' },
  trafficCell: '{d} {h}:00: {p}', trafficLegend: 'The darker the cell, the likelier someone passes in that hour (local time).',
  wdMon: 'Mon', wdTue: 'Tue', wdWed: 'Wed', wdThu: 'Thu', wdFri: 'Fri', wdSat: 'Sat', wdSun: 'Sun',
  override: 'Override', overrideFor: 'Override the level', duration: 'Duration', fade: 'Fade (s)', apply: 'Apply', clear: 'Clear override',
  overrideActive: 'Override at {l} until {t}', overrideNone: 'No override', overrideSet: { one: 'Override sent to {n} light.', other: 'Override sent to {n} lights.' }, overrideCleared: 'Override cleared.',
  minutes: '{n} min', hours: '{n} h', days: '{n} d', readOnly: 'Your role allows viewing only.',
  events: 'Events', downlinks: 'Messages sent', time: 'Time', type: 'Type', detail: 'Detail', ack: 'Acknowledge', acknowledged: 'Acknowledged', open: 'Open', cleared: 'Cleared',
  groups: 'Groups', members: 'members', newPlan: 'New plan', editPlan: 'Edit', planName: 'Plan name', save: 'Save', saveVersion: 'Save as a new version', cancel: 'Cancel',
  steps: 'Steps of the night', addStep: 'Add a step', remove: 'Remove', anchor: 'Anchor', offset: 'Offset (min)', atTime: 'Time',
  anchor_sunset: 'Sunset', anchor_sunrise: 'Sunrise', anchor_clock: 'Clock time', anchor_civil_dusk: 'Civil dusk', anchor_civil_dawn: 'Civil dawn',
  preview: 'Preview', previewFor: 'Evaluate for group', from: 'From', nights: 'Nights', estimated: 'Estimated energy', baseline: 'Baseline (100 % dusk to dawn)', savings: 'Savings',
  compliance: 'Compliance (decree of 27 December 2018)', compliant: 'No compliance issue found.', checking: 'Checking…',
  severity_error: 'Error', severity_warning: 'Warning', severity_info: 'Info',
  assign: 'Assign to group', assigned: { one: 'Plan assigned to group {g} ({n} light).', other: 'Plan assigned to group {g} ({n} lights).' }, assignedTo: 'Assigned to', category: 'Category (art. 1)', priority: 'Priority',
  saved: 'Plan saved (version {v}).', unassigned: 'none', planList: 'Plans', choosePlan: 'Choose a plan…',
  period: 'Period', month: 'Month', year: 'Year', byGroup: 'By group', byTown: 'Town', exportCsv: 'Export CSV', consumption: 'Consumption', cost: 'Cost', co2: 'CO₂ avoided', burningHours: 'Burning hours', avgLevel: 'Average level',
  noData: 'No data for this period yet.', notAvailable: 'Not available yet',
  firmwareNA: 'Firmware update management (signed images, staged campaigns) is not available on this server yet. The installed versions are listed below.',
  versions: 'Installed versions', users: 'Users', audit: 'Audit log', tokens: 'API tokens', who: 'Who', what: 'What', when: 'When', target_: 'Target',
  addUser: 'Add a user', name: 'Name', role: 'Role', add: 'Add', generatedPassword: 'Temporary password for {e}: {p} (shown once)',
  lang: 'Language', error: 'Error', forbidden: 'Your role does not allow this.', legend: 'Legend', fit: 'Fit', zoomIn: 'Zoom in', zoomOut: 'Zoom out',
  refreshEvery: 'Refreshed every {s} s', openDetail: 'Open details', onLights: { one: '{n} lit', other: '{n} lit' }, kwh: 'kWh', litHours: 'Lit hours',
  tabPlans: 'Plans', night: 'Night of {d}', everyNight: 'Every night', steps_: 'steps', nameRequired: 'Give the plan a name.',
  images: 'Images', campaigns: 'Campaigns', uploadImage: 'Upload an image', file: 'File', hardwareModels: 'Hardware models (comma-separated)', kind: 'Kind',
  releaseNotes: 'Release notes', upload: 'Upload', newCampaign: 'New campaign', image: 'Image', start: 'Start', pause: 'Pause', resume: 'Resume', cancelCampaign: 'Cancel campaign', retry: 'Retry failures',
  wave: 'Wave {n}', devices: { one: '{n} device', other: '{n} devices' }, status: 'Status', otaUnavailable: 'Firmware updates are not configured on this server: it needs a signing key (setting OTA_SIGNING_KEY, see the documentation).', campaignName: 'Campaign name', progress: 'Progress', size: 'Size', noCampaign: 'No campaign.', noImage: 'No image.',
  ota_running: 'running', ota_paused: 'paused', ota_halted: 'halted', ota_completed: 'completed', ota_cancelled: 'cancelled',
  assignedPlan: 'Assigned plan', cat_a: 'a) roads, movement', cat_b_heritage: 'b) heritage', cat_b_parks: 'b) parks and gardens', cat_c: 'c) sports facilities', cat_d_buildings: 'd) non-residential buildings', cat_d_shop_windows: 'd) shop windows', cat_e: 'e) car parks', cat_f: 'f) events', cat_g: 'g) worksites',
  account: 'My account', changePassword: 'Change password', currentPassword: 'Current password', newPassword: 'New password', passwordRule: 'At least 10 characters; a passphrase beats a complicated word.',
  pw_blank: 'The password cannot be only spaces.', pw_one_character: 'The password cannot be one character repeated.',
  pw_common: 'This password is among the most common ones: choose another (a phrase of a few words is easy to remember).', pw_contains_identity: 'The password cannot contain your e-mail address or your name.',
  dev_queued: 'queued', dev_offered: 'offered', dev_downloading: 'downloading', dev_verifying: 'verifying', dev_installing: 'installing', dev_rebooting: 'rebooting', dev_confirmed: 'confirmed', dev_rolled_back: 'rolled back', dev_failed: 'failed', dev_timed_out: 'timed out', dev_cancelled: 'cancelled',
  alarmsOpen: { one: '{n} open', other: '{n} open' }, alarmType: 'Type', severity: 'Severity', light: 'Light', raised: 'Raised', all: 'All',
  event_unspecified: 'Event', event_lamp_failure: 'Lamp failure', event_day_burner: 'Day burner', event_cycling: 'Cycling lamp',
  event_voltage_low: 'Supply voltage low', event_voltage_high: 'Supply voltage high', event_meter_fault: 'Metering chip silent',
  event_clock_lost: 'Clock lost', event_storage_fault: 'Storage fault', event_frame_rejected: 'Message refused', event_implausible_energy: 'Implausible energy records',
  // issue 17: the luminaire's DALI-2 / D4i driver (components/d4i.tsx)
  event_driver_overtemp: 'Driver over-temperature', event_led_failure: 'LED failure (driver)', event_driver_voltage: 'Supply outside the driver\'s range',
  event_led_end_of_life: 'LED at end of life', event_dali_fault: 'DALI driver silent',
  d4iTitle: 'The luminaire as its driver describes it (DALI-2 / D4i)', d4iNone: 'This controller has reported no DALI-2 / D4i driver.',
  d4iReadAt: 'Read on {d} ({r}).', d4iNotD4i: 'The driver holds no D4i luminaire data.',
  d4iReason_boot: 'at boot', d4iReason_requested: 'on request', d4iReason_periodic: 'daily reading', d4iReason_unspecified: 'reading',
  gtin: 'GTIN', flux: 'Luminous flux', serialNumber: 'Serial number', manufactured: 'Manufactured', weekOfYear: 'week {w} of {y}', cri: 'CRI',
  mainsRange: 'Mains voltage range', driverIdentity: 'Driver (GTIN, serial, version)',
  srcDeclared: 'declared', srcDriver: 'reported by the driver', srcDriverSays: '(the driver says {v})',
  d4iDiagnostics: 'Driver diagnostics', d4iFailures: 'Reported failures', driverEnergy: 'Energy counted by the driver', operatingHours: 'Operating hours',
  ledOnHours: 'LED burning hours', starts: 'Starts', supplyVoltage: 'Supply voltage', driverTemperature: 'Driver temperature', ledVoltageCurrent: 'LED: voltage, current',
  d4iFail_led_open: 'LED open circuit', d4iFail_led_short: 'LED short circuit', d4iFail_lamp_failure: 'lamp failure', d4iFail_thermal_derating: 'power reduced (overheating)',
  d4iFail_thermal_shutdown: 'thermal shutdown', d4iFail_undervoltage: 'undervoltage', d4iFail_overvoltage: 'overvoltage', d4iFail_light_source_failure: 'light source failure',
  d4iRead: 'Read the driver again', d4iReadSent: 'Request sent: the controller reads its driver and sends it within seconds.',
  d4iReadOffline: 'Request sent, but the controller is offline: it will read its driver at its next boot.',
  sev_critical: 'Critical', sev_major: 'Major', sev_minor: 'Minor',
  // alarms handled to the end (pages/alarms.tsx)
  alarmUnresolved: 'Not cleared', alarmAssigned: 'Assigned', alarmIntervened: 'Intervention done', alarmAge: 'Age',
  alarmAgeAny: 'Any', alarmAge1h: 'Over an hour', alarmAge24h: 'Over a day', alarmAge7d: 'Over a week', alarmCabinet: 'Cabinet {c}',
  alarmsUnresolvedCount: { one: '{n} alarm not cleared', other: '{n} alarms not cleared' }, alarmAssignee: 'Assigned to', alarmMailAndCompanies: 'On-duty e-mails and maintenance companies',
  alarmActionFailed: 'Action refused', alarmDetail: 'Alarm detail', close: 'Close', alarmRaisedAt: 'Raised on {t}', alarmNotifiedAt: 'Notified by e-mail on {t}',
  alarmAckBy: 'Acknowledged on {t} by {by}', alarmAssignedTo: 'Assigned to {name} on {t}', alarmInterventionLine: 'Intervention on {t} by {by}: {what}', alarmParts: 'parts replaced',
  alarmClearedBy: 'Cleared by hand on {t} by {by}: {why}', alarmClearedByDevice: 'Cleared on {t}: the controller no longer sees the fault', alarmComments: 'Comments',
  alarmComment: 'Comment', alarmAddComment: 'Add', alarmAssignTo: 'Assign to', alarmPeople: 'People of the town', alarmCompanies: 'Maintenance companies',
  alarmAssign: 'Assign', alarmRecordIntervention: 'Record an intervention', alarmDoneAt: 'Date and time', alarmDoneBy: 'By (person or company)', alarmWhatDone: 'What was done',
  alarmPartsHint: 'Parts replaced (comma-separated)', alarmClearReason: 'Reason to clear by hand', alarmClear: 'Clear',
  alarmMail: 'E-mails to the people on duty', alarmMailHint: 'A digest of the new alarms per period (at most one mail per period), never one mail per lamp.',
  alarmMailOn: 'Send the digests', alarmRecipients: 'Recipients (people on duty)', smtpHost: 'SMTP server', smtpPort: 'Port', smtpTls: 'Encryption', smtpTlsNone: 'None',
  alarmPeriod: 'Period (min)', smtpUser: 'SMTP user name', smtpPasswordKept: 'stored (leave empty to keep it)', smtpFrom: 'From address',
  alarmUiUrl: 'Address of the UI (links in the mails)', alarmDigestLine: 'Digest of {t}: {n} alarm(s)', alarmDigestSent: 'sent', alarmDigestPending: 'pending ({n} attempt(s))',
  alarmMailSaved: 'E-mail settings saved.', alarmArchive: 'Archive', alarmCompanyName: 'Company name', alarmPhone: 'Phone', alarmAddCompany: 'Add the company',
  simTitle: 'Simulation (demo)', simHint: 'Puts a fault on the demo\'s simulated controllers: they detect and report it as on a real pole.',
  simFault: 'Fault', simSupplyFault: 'Supply fault of a cabinet', simCircuit: 'Cabinet circuit', simInject: 'Inject', simLift: 'Repair',
  simInjected: { one: 'Fault put on {n} light.', other: 'Fault put on {n} lights.' }, simLifted: { one: 'Fault lifted on {n} light.', other: 'Fault lifted on {n} lights.' },
  clock_unspecified: 'unknown', clock_unset: 'not set', clock_rtc: 'own clock', clock_synced: 'synchronised',
  halt_errors: { one: '{n} of {a} devices failed (threshold {t})', other: '{n} of {a} devices failed (threshold {t})' },
  halt_wave: { one: 'wave {w} ended with {n} of {a} devices confirmed (threshold {t})', other: 'wave {w} ended with {n} of {a} devices confirmed (threshold {t})' },
  kib: '{n} KiB', mib: '{n} MiB', imageFull: 'full image', imageMod: 'JavaScript module',
  reasonNotConnected: 'never connected: offered at its first connection', reasonNoProgress: 'no progress for {s} s',
  towns: 'Towns', syndicateOverview: '{s} — overview', syndicateTowns: 'member towns', noTowns: 'No member town.',
  faults: 'Faults', onlineN: { one: '{n} connected', other: '{n} connected' }, offlineN: '{n} offline', total: 'Total',
  townsNote: 'From {from} to {to}, local days of each town; energy and savings from the records received, cost at each town\u2019s tariff.',
  townTime: 'Times are shown in the town\u2019s local time', townTimeShort: 'Town time: {z}', timesIn: 'town time, {z}',
  settings: 'Settings', energySettings: 'Time zone, tariff and emission factor', timeZone: 'Town time zone', tzRule: 'POSIX TZ rule',
  tz_fr: 'Mainland France (CET/CEST)', tz_antilles: 'Guadeloupe, Martinique, Saint-Martin (UTC−4)', tz_guyane: 'French Guiana (UTC−3)', tz_reunion: 'Réunion (UTC+4)',
  tz_mayotte: 'Mayotte (UTC+3)', tz_spm: 'Saint-Pierre and Miquelon (UTC−3/−2)', tz_nc: 'New Caledonia (UTC+11)', tz_pf: 'French Polynesia, Tahiti (UTC−10)',
  tz_wf: 'Wallis and Futuna (UTC+12)', tz_utc: 'UTC', tz_custom: 'Other (POSIX TZ rule)…',
  tariff: 'Tariff (€ excl. VAT per kWh)', emissionFactor: 'Emission factor (g CO₂e per kWh)',
  tzNote: 'The zone sets the days of the energy reports (records received after the change) and the time of every date shown.',
  settingsSaved: 'Settings saved.', settingsDefault: 'Defaults: enter your contract\u2019s tariff and the emission factor of your carbon accounting.',
  settingsHelp: 'The luminaire catalogue gives every light of a model its rated power, dimming curve and minimum level; colour temperature and ULR feed the check against the decree of 27 December 2018 (art. 3 and 4).',
  catalogue: 'Luminaire catalogue', model: 'Model', modelId: 'Reference', curve: 'Curve', curve_linear: 'linear', curve_logarithmic: 'logarithmic', minLevel: 'Minimum level', ulr: 'ULR',
  fluxLm: 'Flux (lm)', cieCode3: 'CIE flux code 3 (%)', maxPowerW: 'Maximum power (W)', driverInterface: 'Driver dimming', driver_none: '—',
  driver_pwm: 'PWM', 'driver_0-10v': '0–10 V', 'driver_1-10v': '1–10 V', driver_dali: 'DALI', driver_d4i: 'DALI-2 D4i', decreeFields: 'Decree of 27 December 2018',
  addModel: 'Add a model', modelSaved: { one: 'Model {m} saved ({n} light reconfigured).', other: 'Model {m} saved ({n} lights reconfigured).' }, confirmRemoveModel: 'Remove model {m} from the catalogue? Lights keep their configuration.',
  selectAll: 'Select all', selectedN: { one: '{n} selected', other: '{n} selected' }, clearSelection: 'Clear selection', newGroup: 'New group…', newGroupName: 'New group name',
  addToGroup: 'Add to group', removeFromGroup: 'Remove from group', groupIdRule: 'Group name: letters, digits, - and _ (64 at most).',
  addedToGroup: { one: '{n} light added to group {g} ({m} members).', other: '{n} lights added to group {g} ({m} members).' }, removedFromGroup: { one: '{n} light removed from group {g} ({m} members).', other: '{n} lights removed from group {g} ({m} members).' },
  selectTool: 'Select', selectToolHelp: 'Drag a rectangle or click lights to select them, then choose a group.',
  // the map (issue 16)
  lassoTool: 'Lasso', lassoHelp: 'Draw around lights freehand (or click them) to select them, then choose a group.',
  mapSearch: 'Search the map', mapSearchHint: 'Street, pole or id', mapSearchNone: 'Nothing found.',
  hitStreet: 'Street', hitPole: 'Pole', hitDevice: 'Controller',
  legendShapes: 'Each state has its shape: full = lit, half = dimmed, dark = off, triangle = fault, crossed ring = offline, diamond = updating, hollow square = never connected.',
  streetsFromPoles: 'Streets drawn from the poles\' positions (no base map configured).', bulkForGroup: 'Group {g}: override or plan',
  otaInProgress: 'Firmware update in progress: {c} — {s} ({p}).',
  actions: 'Actions', accountDisabled: 'Disabled', disableAccount: 'Disable account', enableAccount: 'Enable account', resetPassword: 'New password', removeRole: 'Remove access to this tenant',
  confirmDisable: 'Disable the account {e}? Its sessions and API tokens stop working at once.', confirmResetPassword: 'Give {e} a new password? Their sessions end.',
  confirmRemoveRole: 'Remove {e}\u2019s access to {t}?', accountDisabledMsg: 'Account {e} disabled.', accountEnabledMsg: 'Account {e} enabled.', roleRemoved: 'Access of {e} removed.', roleGiven: 'Access given to {e}.',
  createToken: 'Create a token', tokenName: 'Name (what it is for)', expiresInDays: 'Expires in (days)', lastUsed: 'Last used', createdOn: 'created {d}', expiresOn: 'expires {d}',
  tokenActive: 'active', tokenRevoked: 'revoked', tokenExpired: 'expired', revoke: 'Revoke', confirmRevoke: 'Revoke the token "{n}"? Integrations using it stop working.',
  tokenRevokedMsg: 'Token "{n}" revoked.', tokenOnce: 'Token "{n}": copy it now, it will never be shown again.', copy: 'Copy', tokenStored: 'Done',
  install: 'Commissioning', installIntro: 'Scan or type the controller\u2019s label, take the position at the foot of the pole, then save.',
  labelField: 'Label (QR code text)', labelHelp: 'SLC1:… pasted or typed — or the id and code below.', labelRead: 'Controller {d} · code {c}',
  labelInvalid: 'This is not a controller label\u2019s text (SLC1:id:code).', orTypeIt: 'or', deviceId: 'Controller id', claimCode: 'Claim code',
  scanQr: 'Scan the QR code', stopScan: 'Stop scanning', cameraError: 'Camera unavailable: {m}',
  myPosition: 'My position', locating: 'Locating…', latitude: 'Latitude', longitude: 'Longitude', accuracyM: 'Accuracy: {m} m',
  accuracyWarn: 'Poor accuracy ({m} m): wait a few seconds in the open and try again.', geoError: 'Position unavailable ({m}): type it.',
  poleRef: 'Pole reference', noneOption: '— none —', ratedPowerW: 'Rated power (W)', draftKept: 'What you type stays on this phone until it is saved.',
  saving: 'Saving…', offlineRetry: 'offline — retrying in {s} s', retryNow: 'Retry now',
  claimRefused: 'Refused: {r}.', claim_wrong_code: 'wrong code', claim_revoked: 'controller revoked', claim_unknown_device: 'controller unknown in this town',
  claim_no_claim_code: 'this controller has no claim code (provision it again)',
  needDevice: 'Give the controller: its label, or its id and code.', needPosition: 'Give the position: "My position", or latitude and longitude.',
  invalidInput: 'Input refused: {m}', commissioned: 'Controller {d} commissioned.', recommissioned: 'Controller {d}: commissioning corrected.',
  linkOnline: 'Online', linkOffline: 'Offline', reportedLevel: 'Luminaire level', desiredOverride: 'Override requested',
  configState: 'Configuration', configApplied: 'received (version {v})', configPending: 'pending (version {v})', waitingDevice: 'Waiting for the controller…',
  watchStopped: 'Stopped watching after 10 minutes.', nextController: 'Next controller', watching: 'Refreshed every 2 s',
  mode_commission: 'Commission', mode_replace: 'Replace', mode_decommission: 'Retire',
  replaceIntro: 'The pole keeps its luminaire, history and energy; the old controller is retired and its access revoked.',
  findPole: 'Show the pole', poleNotFound: 'No such pole in this town.', onPole: 'On this pole: {l}', noController: 'no controller',
  newController: 'New controller (label)', replace: 'Replace the controller', replacing: 'Replacing…',
  replaced: 'Controller {o} replaced by {n} on pole {p}; the old one is retired, its access revoked.', installedOnPole: 'Controller {n} fitted on pole {p}.',
  needPole: 'Give the pole reference.', conflict_not_on_pole: 'that controller is not on this pole', conflict_same_controller: 'it is already the pole\u2019s controller',
  conflict_controller_in_service: 'that controller already serves pole {p}: retire it there first', conflict_pole_decommissioned: 'this pole is out of service',
  conflict_several_luminaires: 'this pole carries several luminaires: name the old controller', conflict_no_luminaire: 'this pole carries no luminaire',
  conflict_already_retired: 'this controller is already retired', conflict_no_position: 'this pole has no position',
  oldController: 'Old controller (optional)', decommissionIntro: 'Retired, a controller or a pole leaves lists, counts and exports; it stays in the history.',
  decommissionWhat: 'Retire what?', whatController: 'A controller', whatPole: 'A pole (and its controllers)', confirmDecommission: 'I confirm the retirement',
  decommission: 'Take out of service', decommissioning: 'Retiring…', decommissionedController: 'Controller {d} taken out of service, access revoked.',
  decommissionedPole: 'Pole {p} taken out of service ({n} controller(s) retired).', needConfirm: 'Tick the confirmation.', unknownController: 'No such controller in this town.',
  // the installer's page: a pole of the town (issue 15), cabinet, circuit, date and note
  poleChoice: 'Pole', nearPoles: 'Nearest poles of the town', nearNone: 'No pole without a controller nearby: type the reference of a new pole.',
  metresAway: '{m} m away', noLuminaireYet: 'no luminaire', polePicked: 'Pole {p} of the inventory: its position, street and luminaire are kept.',
  movePole: 'Correct the pole\u2019s position with the phone\u2019s', poleRefHelp: 'Reference of a pole of the inventory, or of a new pole made at this position.',
  cabinet: 'Cabinet', circuit: 'Circuit', installDate: 'Luminaire installation date', noteField: 'Note (optional)', installerNote: 'Installer\'s note',
  // the inventory at the desk: import a file, cabinets, poles and a pole's history (issue 15)
  inventory: 'Inventory', importTitle: 'Import the inventory (CSV or GeoJSON)',
  importHelp: 'A CSV file as Excel saves it (";" separator, decimal comma, UTF-8 or Windows-1252) or a GeoJSON. A line without a controller is a pole to equip later. Check first: nothing is written; applying writes all or nothing.',
  importFile: 'File', importDryRun: 'Check (dry run)', importApply: 'Apply the import', importNoFile: 'Choose a file.', importRefused: 'File refused: {m}',
  importApplied: 'Import applied: the inventory is up to date.', importHasRejected: { one: '{n} line rejected: nothing will be written until it is fixed.', other: '{n} lines rejected: nothing will be written until they are fixed.' },
  importReady: 'No line rejected: the import can be applied.',
  import_created: { one: 'created', other: 'created' }, import_updated: { one: 'updated', other: 'updated' }, import_unchanged: { one: 'unchanged', other: 'unchanged' },
  import_rejected: { one: 'rejected', other: 'rejected' },
  importStatus_created: 'created', importStatus_updated: 'updated', importStatus_unchanged: 'unchanged', importStatus_rejected: 'rejected',
  importEncoding: 'Read as {e} ({f})', importIgnored: 'columns ignored: {c}', importOnlyProblems: 'Only lines updated or rejected',
  importLine: 'Line', importWhat: 'Object', importController: 'controller {d}', importPole: 'pole {p}', importMoreLines: 'First {n} lines of {t}.',
  cabinets: 'Cabinets and circuits', noCabinet: 'No cabinet yet.', pdl: 'Supply point (PDL)', contractedKva: 'Contracted power (kVA)', circuits: 'Circuits (poles)', polesCount: 'Poles',
  polesTitle: 'Poles', poleSearch: 'Search (pole, street, cabinet, controller)', noPole: 'No pole.', controller: 'Controller', heightM: 'Height (m)',
  luminaires: 'Luminaires', poleHistory: 'Controllers over time', until: 'Until', why: 'End', serving: 'in service', poleRetired: 'taken out of service on {d}',
  end_replaced: 'replaced by {d}', end_decommissioned: 'taken out of service', end_pole_decommissioned: 'pole retired', end_moved: 'moved',
  // the plan calendar (issue 16)
  calendar: 'Calendar', calPrev: 'Previous month', calNext: 'Next month', calDefault: 'default program', calProgram: 'program #{p}',
  calNightOf: 'Night of {d}', calRuleDates: 'dates', calRuleWeekdays: 'weekdays', calSetHolidays: 'Public holidays', calSetSchool: 'School holidays zone {z}',
  calSchoolShort: 'school holidays {z}', calLegend: 'Each cell is a night (the evening of the date); ●: a program other than the default (#{p}).',
  calExceptions: 'Calendar exceptions', calSet: 'Set of dates', calEventName: 'Event', calEventDate: 'Evening', calMoreDates: { one: 'and {n} more date', other: 'and {n} more dates' },
  calRunsProgram: 'Program', calNoException: 'No exception: the weekday rules and the default program apply.',
  calAddHolidays: 'Add public holidays', calAddSchool: 'Add school holidays', calAddEvent: 'Add an event',
  calTown: 'The town\'s calendar', calAlsace: 'Alsace-Moselle public holidays (Good Friday, 26 December)',
  calSchoolZone: { one: 'Zone {z}: {n} period, until {d}', other: 'Zone {z}: {n} periods, until {d}' }, calSchoolZoneNone: 'Zone {z}: no period imported',
  calSchoolImport: 'Import the school holidays (the ministry\'s CSV file)',
  calSchoolHelp: 'The data.education.gouv.fr dataset "fr-en-calendrier-scolaire", CSV export (";" separated). The school years in the file replace those imported before.',
  calImported: { one: '{n} period imported.', other: '{n} periods imported.' }, calRefused: 'File refused: {m}', calLine: 'line {l}: {m}',
  calFirstNight: 'first on the night of {d}',
  // the council report (issue 16)
  councilReport: 'Council report', councilPdf: 'Download the PDF', councilCsv: 'Download the CSV', moneySaved: 'Money saved',
  vsLastYear: 'Against last year', councilFaults: 'Faults raised / repaired / open', medianRepair: 'repaired in {h} h (median)',
  councilCompliance: 'Decree of 27/12/2018', councilComplianceHelp: 'non-compliant groups / lights beyond art. 3',
  // issue 17: presence steps in the plan editor, constant light output
  presenceMode: 'Presence', presenceHelp: 'Base level, raised to {l} whenever someone passes:', baseLevel: 'Base level', holdS: 'Hold (s)',
  fadeUpS: 'Fade up (s)', fadeDownS: 'Fade down (s)', anticipatePct: 'Anticipate from (%)', prelightLevel: 'Anticipated level',
  anticipateHelp: 'The pole lights ahead of time when the traffic it has learnt gives at least this probability of someone passing in the coming minutes (0: never).',
  trafficProfile: 'Traffic', street_residential: 'residential street',
  street_collector: 'collector street', street_main: 'main road', street_pedestrian: 'pedestrian street', street_park: 'park',
  presenceExpected: 'Presence: raised {r} h of {p} h this night (estimate, {s}).', curveBase: 'base', curveRaised: 'on detection',
  lumenMaintenance: 'Lumen maintenance', lxxAt: 'L{l} at {h} h', cloFields: 'Constant light output (LED ageing)', cloLxx: 'Flux left Lxx (%)',
  cloRatedH: 'at (burning hours)', cloHelp: 'E.g. L80 at 100,000 h: the controller drives a new LED lower, and higher as it ages, for a constant light.',
  cloTitle: 'Constant light output', cloDrive: 'Drive', cloLedHours: 'LED age', cloSaved: 'Energy saved', cloNone: 'No constant light output for this light.',
  cloTown: 'Constant light output: {n} lights, {k} saved since commissioning.',
};

export type Key = keyof typeof fr;
const DICTS: Record<Lang, Dict> = { fr, en };
/** Both dictionaries, for the tests that look for one language's text on the other's pages. */
export const dictionaries: Readonly<Record<Lang, Readonly<Dict>>> = DICTS;

/**
 * The UI's language: the one picked with the FR/EN selector in this browser, else the one saved on the account (the
 * selector saves it there too), else the browser's — French for a French browser, English for any other.
 */
export function initialLang(userLocale?: string | null): Lang {
  const saved = localStorage.getItem('sl-lang');
  if (saved === 'fr' || saved === 'en') return saved;
  if (userLocale) return userLocale.startsWith('fr') ? 'fr' : 'en';
  return (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export interface I18n {
  lang: Lang;
  locale: string;
  /** The town's time zone (POSIX TZ rule, as its poles use it), or null: the browser's. */
  tz: PosixTz | null;
  /** The text of `key`; a plural text takes its form from the number `n` (a number, or a formatted one). */
  t(key: Key, vars?: Record<string, string | number>): string;
  /** An API code in words (`event_lamp_failure`, `sev_major`, `clock_synced`); an unknown one is reported missing. */
  code(kind: 'event' | 'sev' | 'clock' | 'source' | 'dev' | 'ota' | 'cat' | 'role', value: string | null | undefined): string;
  /** A size in bytes: 96 Kio / 96 KiB. */
  bytes(n: number): string;
  num(n: number | null | undefined, digits?: number): string;
  pct(n: number | null | undefined): string;
  watts(w: number | null | undefined): string;
  kwh(n: number | null | undefined): string;
  eur(n: number | null | undefined): string;
  /** Date and time in the town's zone; the zone is appended where the reading is ambiguous (see `ambiguous`). */
  dateTime(iso: string | number | null | undefined): string;
  date(iso: string | number | null | undefined): string;
  /** A calendar day given as YYYY-MM-DD (a report day, a night), formatted as is, whatever the zone. */
  day(ymd: string): string;
  /** hh:mm in the town's zone, with the zone where ambiguous. */
  time(iso: string | number | null | undefined): string;
  /** hh:mm in the town's zone, never with the zone (chart axes: the chart says the zone once). */
  clock(iso: string | number | null | undefined): string;
  /** Abbreviation of the town's zone at an instant: CET, CEST, or UTC+04 for a numeric POSIX name. */
  zone(at?: string | number): string;
  /**
   * Whether a time shown for this instant could be misread: the browser's zone has another offset than the
   * town's then, or the town's wall-clock time occurs twice that night (the repeated hour when DST ends).
   */
  ambiguous(at: number): boolean;
  /** The town's local calendar date (YYYY-MM-DD) of an instant (default: now). */
  localDate(at?: number): string;
  duration(minutes: number): string;
}

/**
 * A key the UI asked for and the dictionary lacks (or a code of the API it has no words for): kept in
 * `window.slI18nMissing` for the tests that walk every page, and shown as the key itself.
 */
function missingKey(key: string): void {
  const g = globalThis as { slI18nMissing?: string[] };
  const list = (g.slI18nMissing ??= []);
  if (!list.includes(key)) list.push(key);
}

/** `UTC+04`, `UTC−03:30` for an offset east of UTC in seconds. */
function utcLabel(offS: number): string {
  const a = Math.abs(offS);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return `UTC${offS < 0 ? '\u2212' : '+'}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/** Parses a POSIX TZ rule; null (the browser's zone) when absent or malformed. */
export function townZone(rule: string | null | undefined): PosixTz | null {
  if (!rule) return null;
  try { return parsePosixTz(rule); } catch { return null; }
}

export function makeI18n(lang: Lang, tz: PosixTz | null = null): I18n {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const dict = DICTS[lang];
  const nf = new Map<number, Intl.NumberFormat>();
  const numFmt = (d: number): Intl.NumberFormat => {
    let f = nf.get(d);
    if (!f) { f = new Intl.NumberFormat(locale, { maximumFractionDigits: d, minimumFractionDigits: 0 }); nf.set(d, f); }
    return f;
  };
  // With a town zone, instants are shifted to the town's wall clock (the firmware's own POSIX TZ code, so the
  // UI shows what the poles do) and formatted as UTC; without one, in the browser's zone.
  const zoneOpt = tz ? { timeZone: 'UTC' } : {};
  const dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zoneOpt });
  const df = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zoneOpt });
  const tf = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', ...zoneOpt });
  const dayF = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  // 'watt' is not one of ECMA-402's sanctioned units, so W and kWh are appended (narrow no-break space, as fr-FR does).
  const pctF = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const eurF = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  const ms = (v: string | number | null | undefined): number | null => {
    if (v === null || v === undefined || v === '') return null;
    const t = typeof v === 'number' ? v : Date.parse(v);
    return Number.isFinite(t) ? t : null;
  };
  const shown = (t: number): Date => new Date(tz ? toLocalMs(tz, t) : t);
  const zone = (at?: string | number): string => {
    const t = ms(at ?? Date.now()) ?? Date.now();
    if (!tz) return Intl.DateTimeFormat(locale, { timeZoneName: 'short' }).formatToParts(new Date(t)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    const off = utcOffsetS(tz, t);
    const name = tz.dstOffsetS !== undefined && off === tz.dstOffsetS && off !== tz.stdOffsetS ? tz.dstName ?? '' : tz.stdName;
    return /^[A-Za-z]{3,}$/.test(name) ? name : utcLabel(off);
  };
  const ambiguous = (t: number): boolean => {
    if (!tz) return false;
    const off = utcOffsetS(tz, t);
    if (off !== -new Date(t).getTimezoneOffset() * 60) return true;
    if (tz.dstOffsetS === undefined) return false;
    const delta = (tz.dstOffsetS - tz.stdOffsetS) * 1000;
    const local = toLocalMs(tz, t);
    return [t + delta, t - delta].some((u) => toLocalMs(tz, u) === local);
  };
  const withZone = (t: number, text: string): string => (ambiguous(t) ? `${text}\u00a0${zone(t)}` : text);
  const plurals = new Intl.PluralRules(locale);
  const t = (key: Key, vars?: Record<string, string | number>): string => {
    const entry = dict[key] as string | Plural | undefined;
    if (entry === undefined) { missingKey(key); return key; }
    let s: string;
    if (typeof entry === 'string') s = entry;
    else {
      const n = typeof vars?.n === 'number' ? vars.n : Number(String(vars?.n ?? '').replace(/[\s\u202f\u00a0]/g, '').replace(',', '.'));
      s = entry[plurals.select(Number.isFinite(n) ? n : 0) as keyof Plural] ?? entry.other;
    }
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
  return {
    lang, locale, tz,
    t,
    code: (kind, value) => {
      if (value === null || value === undefined || value === '') return '—';
      const key = `${kind}_${value}`;
      if (key in dict) return t(key as Key);
      missingKey(key);
      return value;
    },
    bytes: (n) => (n >= 1024 * 1024 ? t('mib', { n: numFmt(1).format(n / 1024 / 1024) }) : t('kib', { n: numFmt(0).format(n / 1024) })),
    num: (n, digits = 0) => (n === null || n === undefined ? '—' : numFmt(digits).format(n)),
    pct: (n) => (n === null || n === undefined ? '—' : pctF.format(n / 100)),
    watts: (w) => (w === null || w === undefined ? '—' : `${numFmt(w < 10 ? 1 : 0).format(w)}\u202fW`),
    kwh: (n) => (n === null || n === undefined ? '—' : `${numFmt(n < 10 ? 2 : 1).format(n)}\u202fkWh`),
    eur: (n) => (n === null || n === undefined ? '—' : eurF.format(n)),
    dateTime: (v) => { const t = ms(v); return t === null ? '—' : withZone(t, dtf.format(shown(t))); },
    date: (v) => { const t = ms(v); return t === null ? '—' : df.format(shown(t)); },
    time: (v) => { const t = ms(v); return t === null ? '—' : withZone(t, tf.format(shown(t))); },
    day: (ymd) => { const t = Date.parse(`${ymd}T00:00:00Z`); return Number.isFinite(t) ? dayF.format(new Date(t)) : ymd; },
    clock: (v) => { const t = ms(v); return t === null ? '—' : tf.format(shown(t)); },
    zone, ambiguous,
    localDate: (at) => {
      const t = at ?? Date.now();
      if (tz) return new Date(toLocalMs(tz, t)).toISOString().slice(0, 10);
      const d = new Date(t);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
    duration: (m) => (m % 1440 === 0 ? dict.days.replace('{n}', String(m / 1440)) : m % 60 === 0 ? dict.hours.replace('{n}', String(m / 60)) : dict.minutes.replace('{n}', String(m))),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('fr'));
export const useI18n = (): I18n => useContext(I18nContext);
