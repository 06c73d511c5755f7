/**
 * Sarlat-la-Canéda (Dordogne, INSEE 24520): a few streets of the town, as WGS84 polylines.
 *
 * The polylines are hand-traced approximations of the street axes (a few points each, ≈10–30 m accuracy),
 * good enough to place simulated poles on a map; they are not survey data. The medieval centre is crossed
 * north–south by the rue de la République ("la Traverse"), ringed by the boulevards Nessmann (west) and
 * Eugène-Le-Roy (east); avenue Gambetta leaves northwards from the place de la Petite-Rigaudie, avenue de
 * Selves north-east, avenue Thiers and avenue de la Gare lead south-east to the railway station.
 */
import type { LuminaireModelId } from './catalogue.js';

export interface StreetDef {
  /** Three-letter code used in device ids. */
  code: string;
  name: string;
  /** 'avenue': poles on alternate sides; 'lane': one side (façade or narrow street). */
  kind: 'avenue' | 'lane';
  luminaire: LuminaireModelId;
  /** Installation date of the luminaire heads (decree: kept per installation). */
  installedOn: string;
  /** [lat, lon] points along the street axis. */
  path: readonly (readonly [number, number])[];
}

export interface TownDef {
  name: string;
  slug: string;
  inseeCode: string;
  department: string;
  /** Device id prefix: `<prefix>-<street code>-<nnn>`. */
  idPrefix: string;
  centre: { lat: number; lon: number };
  /** POSIX TZ string (the firmware has no time-zone database). */
  tz: string;
  streets: readonly StreetDef[];
}

export const SARLAT: TownDef = {
  name: 'Sarlat-la-Canéda',
  slug: 'sarlat',
  inseeCode: '24520',
  department: 'Dordogne (24)',
  idPrefix: 'SRL',
  centre: { lat: 44.8890, lon: 1.2163 },
  tz: 'CET-1CEST,M3.5.0,M10.5.0/3',
  streets: [
    {
      code: 'REP', name: 'Rue de la République', kind: 'lane', luminaire: 'HERITAGE-24W-2700K', installedOn: '2019-10-01',
      path: [[44.89170, 1.21535], [44.89055, 1.21560], [44.88930, 1.21590], [44.88800, 1.21625], [44.88680, 1.21665], [44.88560, 1.21715]],
    },
    {
      code: 'LIB', name: 'Rue de la Liberté', kind: 'lane', luminaire: 'HERITAGE-24W-2700K', installedOn: '2019-10-01',
      path: [[44.88960, 1.21600], [44.88890, 1.21615], [44.88820, 1.21640], [44.88760, 1.21655]],
    },
    {
      code: 'NES', name: 'Boulevard Nessmann', kind: 'avenue', luminaire: 'ROAD-36W-3000K', installedOn: '2021-03-15',
      path: [[44.89120, 1.21440], [44.89000, 1.21455], [44.88880, 1.21480], [44.88760, 1.21510], [44.88640, 1.21550]],
    },
    {
      code: 'ELR', name: 'Boulevard Eugène-Le-Roy', kind: 'avenue', luminaire: 'ROAD-36W-3000K', installedOn: '2021-03-15',
      path: [[44.89080, 1.21760], [44.88970, 1.21810], [44.88850, 1.21850], [44.88730, 1.21880], [44.88620, 1.21900]],
    },
    {
      code: 'GAM', name: 'Avenue Gambetta', kind: 'avenue', luminaire: 'ROAD-36W-3000K', installedOn: '2022-11-02',
      path: [[44.89190, 1.21530], [44.89330, 1.21480], [44.89470, 1.21420], [44.89610, 1.21370], [44.89740, 1.21330]],
    },
    {
      code: 'SEL', name: 'Avenue de Selves', kind: 'avenue', luminaire: 'ROAD-36W-3000K', installedOn: '2022-11-02',
      path: [[44.89185, 1.21600], [44.89290, 1.21760], [44.89400, 1.21930], [44.89510, 1.22110], [44.89620, 1.22280]],
    },
    {
      code: 'THI', name: 'Avenue Thiers', kind: 'avenue', luminaire: 'MAIN-60W-4000K', installedOn: '2016-06-20',
      path: [[44.88540, 1.21730], [44.88430, 1.21830], [44.88320, 1.21940], [44.88210, 1.22050]],
    },
    {
      code: 'GAR', name: 'Avenue de la Gare', kind: 'avenue', luminaire: 'MAIN-60W-4000K', installedOn: '2016-06-20',
      path: [[44.88210, 1.22050], [44.88070, 1.22160], [44.87930, 1.22280], [44.87790, 1.22390], [44.87660, 1.22480]],
    },
  ],
};
