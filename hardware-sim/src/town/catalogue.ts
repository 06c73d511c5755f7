/**
 * A small catalogue of luminaire models, with what the 2018 light-pollution decree asks the operator to
 * keep per installation (arrêté du 27 décembre 2018, art. 3 and annex): upward light ratio (ULR),
 * CIE flux code n°3, nominal colour temperature, maximum electrical power, nominal flux.
 * Figures are typical of current products of each kind, not one manufacturer's datasheet.
 */
export interface LuminaireModel {
  id: string;
  name: string;
  /** Decree art. 1 category of the installation it is used for. */
  category: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
  nominalW: number;
  /** Nominal luminous flux (lm). */
  fluxLm: number;
  /** Correlated colour temperature (K). */
  cctK: number;
  /** Upward light ratio, % (decree art. 3: < 1 % for new installations). */
  ulrPct: number;
  /** CIE flux code n°3, % (decree art. 3: > 95 %). */
  cieFluxCode3Pct: number;
  /** Driver dimming interface. */
  driver: '1-10V' | 'DALI';
}

export const LUMINAIRE_CATALOGUE = {
  'ROAD-36W-3000K': {
    id: 'ROAD-36W-3000K', name: 'LED road luminaire 36 W 3000 K', category: 'a',
    nominalW: 36, fluxLm: 4700, cctK: 3000, ulrPct: 0, cieFluxCode3Pct: 99, driver: '1-10V',
  },
  'HERITAGE-24W-2700K': {
    id: 'HERITAGE-24W-2700K', name: 'LED heritage lantern 24 W 2700 K', category: 'b',
    nominalW: 24, fluxLm: 2600, cctK: 2700, ulrPct: 0.8, cieFluxCode3Pct: 96, driver: '1-10V',
  },
  // Non-compliant on purpose (CCT > 3000 K and ULR ≥ 1 % for a category a installation): the decree check
  // of the fleet server must flag it.
  'MAIN-60W-4000K': {
    id: 'MAIN-60W-4000K', name: 'LED main road luminaire 60 W 4000 K', category: 'a',
    nominalW: 60, fluxLm: 8400, cctK: 4000, ulrPct: 2, cieFluxCode3Pct: 93, driver: '1-10V',
  },
} as const satisfies Record<string, LuminaireModel>;

export type LuminaireModelId = keyof typeof LUMINAIRE_CATALOGUE;
