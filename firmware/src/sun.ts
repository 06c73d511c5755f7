/**
 * Sun times from the NOAA solar calculator's equations (Meeus, "Astronomical Algorithms", as implemented
 * in NOAA's Solar Calculator spreadsheet, gml.noaa.gov/grad/solcalc): declination and equation of time
 * at the event instant, iterated to convergence. Accurate to well under a minute at the latitudes of
 * mainland France and the overseas departments. Plain ECMAScript: runs on XS.
 */

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;

/** Zenith angles: sunrise/sunset include refraction and the solar disc (0.833°); civil twilight is 96°. */
export const ZENITH_OFFICIAL = 90.833;
export const ZENITH_CIVIL = 96;

function solar(jd: number): { declRad: number; eqTimeMin: number } {
  const t = (jd - 2451545) / 36525;
  const l0 = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
  const m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const c = Math.sin(m * RAD) * (1.914602 - t * (0.004817 + 0.000014 * t))
    + Math.sin(2 * m * RAD) * (0.019993 - 0.000101 * t)
    + Math.sin(3 * m * RAD) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * RAD);
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const eps = eps0 + 0.00256 * Math.cos(omega * RAD);
  const declRad = Math.asin(Math.sin(eps * RAD) * Math.sin(lambda * RAD));
  const y = Math.tan((eps * RAD) / 2) ** 2;
  const l0r = l0 * RAD;
  const mr = m * RAD;
  const eqTimeMin = 4 * DEG * (y * Math.sin(2 * l0r) - 2 * e * Math.sin(mr) + 4 * e * y * Math.sin(mr) * Math.cos(2 * l0r)
    - 0.5 * y * y * Math.sin(4 * l0r) - 1.25 * e * e * Math.sin(2 * mr));
  return { declRad, eqTimeMin };
}

/**
 * UTC instant (ms) of a sun event on the UTC calendar day containing `dayUtcMs`, or undefined when the sun
 * does not cross that zenith that day (polar day/night).
 * @param rising true for sunrise/dawn, false for sunset/dusk
 */
export function sunEventUtc(dayUtcMs: number, latDeg: number, lonDeg: number, zenithDeg: number, rising: boolean): number | undefined {
  const midnight = Math.floor(dayUtcMs / 86_400_000) * 86_400_000;
  let minutes = 720 - 4 * lonDeg; // first guess: solar noon
  for (let i = 0; i < 4; i++) {
    const jd = 2440587.5 + (midnight + minutes * 60_000) / 86_400_000;
    const { declRad, eqTimeMin } = solar(jd);
    const latRad = latDeg * RAD;
    const cosHa = Math.cos(zenithDeg * RAD) / (Math.cos(latRad) * Math.cos(declRad)) - Math.tan(latRad) * Math.tan(declRad);
    if (cosHa > 1 || cosHa < -1) return undefined;
    const haDeg = Math.acos(cosHa) * DEG;
    minutes = 720 - 4 * (lonDeg + (rising ? haDeg : -haDeg)) - eqTimeMin;
  }
  return midnight + Math.round(minutes * 60_000);
}
