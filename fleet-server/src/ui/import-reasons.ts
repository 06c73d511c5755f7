/**
 * The inventory import's reasons (server, inventory/import.ts and routes/inventory-import.ts: plain English, one
 * per problem, joined with `; `) in the reader's language. Each English form has its French sentence here; a
 * reason the table does not know (a server newer than this page) is shown as the server wrote it.
 */
import type { Lang } from './i18n.js';

const Q = '"([^"]*)"';
/** [English form, French sentence with $1, $2 … from the form's groups]. */
const FR: ReadonlyArray<[RegExp, string]> = [
  [/^neither a device id nor a pole$/, 'ni contrôleur ni poteau'],
  [/^empty device id$/, 'identifiant du contrôleur vide'],
  [new RegExp(`^device id ${Q} may only hold letters, digits, "_" and "-"$`), 'identifiant « $1 » : lettres, chiffres, « _ » et « - » seulement'],
  [/^device id longer than (\d+) characters$/, 'identifiant de plus de $1 caractères'],
  [/^no latitude$/, 'pas de latitude'],
  [/^no longitude$/, 'pas de longitude'],
  [new RegExp(`^latitude ${Q} is not a number$`), 'la latitude « $1 » n’est pas un nombre'],
  [new RegExp(`^longitude ${Q} is not a number$`), 'la longitude « $1 » n’est pas un nombre'],
  [/^latitude (\S+) out of range -90\.\.90$/, 'latitude $1 hors de -90..90'],
  [/^longitude (\S+) out of range -180\.\.180$/, 'longitude $1 hors de -180..180'],
  [/^latitude and longitude look swapped$/, 'latitude et longitude semblent inversées'],
  [/^latitude (\S+) and longitude (\S+) look swapped: the light would be far from the town$/, 'latitude $1 et longitude $2 semblent inversées : le point serait loin de la commune'],
  [/^pole reference longer than 64 characters$/, 'référence de poteau de plus de 64 caractères'],
  [/^street longer than 200 characters$/, 'rue de plus de 200 caractères'],
  [new RegExp(`^group ${Q} has no letter or digit$`), 'le groupe « $1 » n’a ni lettre ni chiffre'],
  [/^luminaire model longer than 64 characters$/, 'modèle de luminaire de plus de 64 caractères'],
  [new RegExp(`^power ${Q} is not a whole number of watts 0\\.\\.100000$`), 'la puissance « $1 » n’est pas un nombre entier de watts de 0 à 100 000'],
  [new RegExp(`^cabinet ${Q} may only hold letters, digits, "_" and "-"$`), 'armoire « $1 » : lettres, chiffres, « _ » et « - » seulement'],
  [new RegExp(`^circuit ${Q} without a cabinet$`), 'départ « $1 » sans armoire'],
  [new RegExp(`^circuit ${Q} may only hold letters, digits, "_" and "-"$`), 'départ « $1 » : lettres, chiffres, « _ » et « - » seulement'],
  [new RegExp(`^height ${Q} is not a number of metres above 0 and at most 60$`), 'la hauteur « $1 » n’est pas un nombre de mètres de 0 à 60'],
  [new RegExp(`^colour temperature ${Q} is not a whole number of kelvins 1000\\.\\.10000$`), 'la température de couleur « $1 » n’est pas un nombre entier de kelvins de 1 000 à 10 000'],
  [new RegExp(`^installation date ${Q} is not a date .*$`), 'la date de pose « $1 » n’est pas une date (2026-12-07, 07/12/2026 ou une année)'],
  [/^device id (\S+) is on lines (.+)$/, 'le contrôleur $1 est sur les lignes $2'],
  [/^device id (\S+) is on features (.+)$/, 'le contrôleur $1 est sur les objets $2'],
  [/^pole (.+) is on lines (.+) \(a pole without a controller takes one line\)$/, 'le poteau $1 est sur les lignes $2 (un poteau sans contrôleur tient en une ligne)'],
  [/^pole (.+) is on features (.+) \(a pole without a controller takes one feature\)$/, 'le poteau $1 est sur les objets $2 (un poteau sans contrôleur tient en un objet)'],
  [/^(\d+) fields where the header has (\d+) \(a separator inside an unquoted value\?\)$/, '$1 champs alors que l’en-tête en a $2 (un séparateur dans une valeur sans guillemets ?)'],
  [/^not a GeoJSON Feature$/, 'pas un objet GeoJSON (Feature)'],
  [/^geometry is (\S+), not a Point$/, 'la géométrie est $1, pas un point (Point)'],
  [/^coordinates are not \[longitude, latitude\] numbers$/, 'les coordonnées ne sont pas [longitude, latitude] en nombres'],
  [/^device (\S+) belongs to another town$/, 'le contrôleur $1 appartient à une autre commune'],
  [/^unknown luminaire model (.+)$/, 'modèle de luminaire $1 absent du catalogue'],
  [/^unknown cabinet (.+)$/, 'armoire $1 inconnue'],
  [/^unknown circuit (\S+) of cabinet (.+)$/, 'départ $1 inconnu dans l’armoire $2'],
  [/^pole (.+) is decommissioned$/, 'le poteau $1 est retiré du service'],
  [/^pole (.+) has (\d+) controllers \((.+)\): name one in the device id column$/, 'le poteau $1 porte $2 contrôleurs ($3) : indiquez lequel dans la colonne du contrôleur'],
];

/** One reason of the server (possibly several joined with `; `, GeoJSON's `feature N: ` first) in `lang`. */
export function importReason(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  const m = /^feature (\d+): (.*)$/s.exec(reason);
  const prefix = m ? `objet ${m[1]} : ` : '';
  const body = m ? m[2] as string : reason;
  return prefix + body.split('; ').map((part) => {
    for (const [re, fr] of FR) if (re.test(part)) return part.replace(re, fr);
    return part;
  }).join(' ; ');
}

/** Whether the French table has a sentence for each part of a reason (the tests check every reason they meet). */
export function knownReason(reason: string): boolean {
  const body = reason.replace(/^feature \d+: /, '');
  return body.split('; ').every((part) => FR.some(([re]) => re.test(part)));
}
