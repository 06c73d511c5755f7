/**
 * Defaults of the per-tenant energy settings. Every tenant should set its own values (PUT
 * /api/tenants/:tenant/energy/settings); these only make a fresh installation produce plausible figures.
 */

/** Day boundaries: mainland France (CET/CEST, EU rule: last Sunday of March and of October at 01:00 UTC). */
export const DEFAULT_TZ = 'CET-1CEST,M3.5.0,M10.5.0/3';

/**
 * Emission factor, gCO2e per kWh consumed: ADEME Base Empreinte®, "Électricité - 2022 - mix moyen -
 * consommation" (French mainland average mix, life-cycle, including upstream and network losses), taken as
 * 52 gCO2e/kWh. The choice of the *average* mix follows ADEME's own rule (Base Carbone documentation, "Mix
 * électrique de la France continentale" and "Mix de consommation - par usage"): a greenhouse-gas assessment
 * (BEGES) uses "Mix de consommation - moyen"; the per-use factors (lighting among them) are indicative only and
 * ADEME stopped computing them after the 2023 edition. The figure itself could not be re-read from the live
 * database on the build machine (no access): check the current edition (base-empreinte.ademe.fr) and set the
 * tenant's value (Settings page, or PUT /api/tenants/:tenant/energy/settings). Corsica and the overseas
 * departments (ZNI) have their own, much higher, factors.
 */
export const DEFAULT_EMISSION_G_PER_KWH = 52;

/**
 * Tariff, € per kWh excluding VAT: 0.20 €/kWh, the order of magnitude of French public-lighting supply
 * contracts in 2024–2025 (energy + TURPE network + taxes, excluding VAT; the CRE's regulated "tarif bleu"
 * for small professional sites sat at about 0.20–0.25 €/kWh incl. taxes over that period). A placeholder:
 * each town's contract price differs and must be set.
 */
export const DEFAULT_TARIFF_EUR_PER_KWH = 0.2;

/** Raw interval records are kept this many days; daily and monthly rollups are kept for good. */
export const DEFAULT_RETENTION_DAYS = 400;

/** A missing record range is given up after a later record has waited this long (see EnergyRepository.ingest). */
export const DEFAULT_GAP_GRACE_S = 6 * 3600;
