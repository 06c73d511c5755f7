/**
 * Golden vectors of protocol v1: each names a plain message and its direction; `<name>.bin` next to this
 * file holds its bytes. `pnpm --filter @streetlight/protocol run vectors` rewrites the .bin files and
 * index.json (the same list in JSON, bytes fields as base64, for non-TypeScript consumers) from this list;
 * tests prove that both codecs encode each message to exactly these bytes and decode them back to it.
 *
 * Messages are typed with the lean codec's interfaces (also valid protobufjs plain objects).
 */
import { Anchor, DimCurve, EventType, LuminaireReason, OtaState, ResetReason, type Downlink, type Presence, type Uplink } from '../../src/lean/index.js';

export type GoldenVector =
  | { name: string; direction: 'uplink'; description: string; message: Uplink }
  | { name: string; direction: 'downlink'; description: string; message: Downlink }
  | { name: string; direction: 'presence'; description: string; message: Presence };

const seqBytes = (n: number, f: (i: number) => number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => f(i) & 0xff);
const DEVICE = 'lamp-0042_A';
const T0 = 1_763_900_000; // 2025-11-23T12:13:20Z

export const VECTORS: readonly GoldenVector[] = [
  // ───────────── uplink ─────────────
  {
    name: 'uplink-hello',
    direction: 'uplink',
    description: 'Hello after a power-on: firmware, model, held plan and config, clock from the RTC',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1001, time: T0,
      hello: {
        firmwareVersion: '1.4.2', hardwareModel: 'SL-ESP32-A', resetReason: ResetReason.RESET_REASON_POWER_ON, uptimeS: 12, bootCount: 87,
        configVersion: 5, plan: { id: 3, version: 12 }, overrideId: 0, clock: 2, maxProtocolVersion: 1,
      },
    },
  },
  {
    name: 'uplink-hello-explicit-defaults',
    direction: 'uplink',
    description: 'Hello with every scalar explicitly set to its default and an empty PlanRef: defaults are omitted, the empty sub-message is written',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 0, time: 0,
      hello: {
        firmwareVersion: '', hardwareModel: '', resetReason: 0, uptimeS: 0, bootCount: 0, configVersion: 0,
        plan: {}, overrideId: 0, clock: 0, maxProtocolVersion: 0,
      },
    },
  },
  {
    name: 'uplink-state',
    direction: 'uplink',
    description: 'StateReport mid-fade under an override, every field set',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1002, time: T0 + 60,
      state: {
        level: 37, targetLevel: 100, source: 2, plan: { id: 3, version: 12 }, configVersion: 5, overrideId: 77,
        overrideExpiresAt: T0 + 3600, clock: 3, uptimeS: 72, powerMw: 61_250, reason: 2,
      },
    },
  },
  {
    name: 'uplink-energy',
    direction: 'uplink',
    description: 'EnergyReport with three records, one energy above 2^32 mWh and a lifetime total of 2^53-1',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1003, time: T0 + 900,
      energy: {
        records: [
          { seq: 1, start: T0 - 2700, durationS: 900, energyMwh: 15_312, minPowerMw: 60_100, maxPowerMw: 62_000, avgPowerMw: 61_250, burningS: 900, avgLevelX10: 1000 },
          { seq: 2, start: T0 - 1800, durationS: 900, energyMwh: 5_000_000_123, minPowerMw: 0, maxPowerMw: 4_294_967_295, avgPowerMw: 30_000, burningS: 450, avgLevelX10: 505 },
          { seq: 3, start: T0 - 900, durationS: 312, energyMwh: 0, burningS: 0, avgLevelX10: 0 },
        ],
        energyTotalMwh: Number.MAX_SAFE_INTEGER, burningTotalS: 123_456_789, switchCount: 4_021,
      },
    },
  },
  {
    name: 'uplink-energy-lost',
    direction: 'uplink',
    description: 'EnergyReport after a log overflow: the oldest record still held is 240, the device lost everything up to 239 it was not acknowledged for',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 5012, time: T0 + 1800,
      energy: {
        records: [{ seq: 240, start: T0, durationS: 900, energyMwh: 9_012, minPowerMw: 36_000, maxPowerMw: 36_100, avgPowerMw: 36_050, burningS: 900, avgLevelX10: 1000 }],
        energyTotalMwh: 1_234_567, burningTotalS: 98_765, switchCount: 77, lostThroughSeq: 239,
      },
    },
  },
  {
    name: 'uplink-energy-log-id',
    direction: 'uplink',
    description: 'EnergyReport of a log that was wiped and restarted at seq 1: it carries the new log\'s id (log_id), so the server stores its records after the old log\'s',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 5013, time: T0 + 2700,
      energy: {
        records: [{ seq: 1, start: T0 + 900, durationS: 900, energyMwh: 9_001, minPowerMw: 36_000, maxPowerMw: 36_100, avgPowerMw: 36_010, burningS: 900, avgLevelX10: 1000 }],
        energyTotalMwh: 9_001, burningTotalS: 900, switchCount: 1, logId: 0xbeef,
      },
    },
  },
  {
    name: 'uplink-energy-max',
    direction: 'uplink',
    description: 'EnergyReport at the limits: 32 records (MAX_RECORDS_PER_FRAME), uint32 fields at 2^32-1',
    message: {
      protocolVersion: 1, deviceId: 'd'.repeat(64), seq: 4_294_967_295, time: 4_294_967_295,
      energy: {
        records: Array.from({ length: 32 }, (_, i) => ({
          seq: 4_294_967_264 + i, start: 4_294_967_295 - 900 * (32 - i), durationS: 4_294_967_295,
          energyMwh: 2 ** 52 + i * 1_000_003, minPowerMw: 4_294_967_295, maxPowerMw: 4_294_967_295,
          avgPowerMw: 4_294_967_295, burningS: 4_294_967_295, avgLevelX10: 1000,
        })),
        energyTotalMwh: 2 ** 53 - 2, burningTotalS: 4_294_967_295, switchCount: 4_294_967_295,
      },
    },
  },
  {
    name: 'uplink-event',
    direction: 'uplink',
    description: 'DeviceEvent: low voltage with the most negative sint32 value and a French detail (accents)',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1004, time: T0 + 905,
      event: { eventSeq: 19, type: EventType.EVENT_TYPE_VOLTAGE_LOW, active: true, time: T0 + 904, value: -2_147_483_648, detail: 'Tension basse détectée à l’armoire — phase 2 (196 V)' },
    },
  },
  {
    name: 'uplink-event-cleared',
    direction: 'uplink',
    description: 'DeviceEvent cleared (active false is the default, so omitted), small negative value',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1005, time: T0 + 1200,
      event: { eventSeq: 20, type: EventType.EVENT_TYPE_DAY_BURNER, active: false, time: T0 + 1199, value: -1, detail: 'fin de l’anomalie' },
    },
  },
  {
    name: 'uplink-ack',
    direction: 'uplink',
    description: 'CommandAck rejecting a stale SetConfig, French detail',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1006, time: T0 + 1201,
      ack: { downlinkSeq: 314, status: 2, detail: 'version de configuration périmée (5 ≤ 5)' },
    },
  },
  {
    name: 'uplink-ota-status',
    direction: 'uplink',
    description: 'OtaStatus after a rollback, with non-BMP characters in the reason (surrogate pairs)',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1007, time: T0 + 1300,
      otaStatus: { imageId: 9, state: OtaState.OTA_STATE_ROLLED_BACK, offset: 1_048_576, reason: 'échec de démarrage 🌙 → retour à l’image précédente', runningVersion: '1.4.2' },
    },
  },
  {
    name: 'uplink-detection',
    direction: 'uplink',
    description: 'PresenceDetection: the sensor raised the light to 80 % for a 60 s hold, 3 detections suppressed by the rate limit since the last one',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1008, time: T0 + 1400,
      detection: { detectedAt: T0 + 1399, raisedLevel: 80, holdS: 60, sinceLast: 3 },
    },
  },
  {
    name: 'uplink-profile',
    direction: 'uplink',
    description: 'TrafficProfile: 5 weeks of learning, 672 quarter-hour cells of the local week (a walker at 22:10 on weekdays, evenings busier on Fridays), 120 cells watched',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1009, time: T0 + 1500,
      profile: {
        weeks: 5, cellMinutes: 15, watchedCells: 120,
        cells: Uint8Array.from({ length: 672 }, (_, i) => (i % 96 === 88 && i < 480 ? 195 : i % 96 >= 80 && i % 96 < 92 ? 12 + (i >> 5) : 0)),
      },
    },
  },
  {
    name: 'uplink-luminaire',
    direction: 'uplink',
    description: 'LuminaireReport (issue 17): a D4i luminaire read at boot — GTIN, serial, 2025 week 9, 36 W, 5200 lm, 2700 K; its driver at 12,000 h and 250 kWh, 48 °C, an open LED (failures 1|4, 207 status in the event)',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 1010, time: T0 + 1600,
      luminaire: {
        readAt: T0 + 1590, reason: LuminaireReason.LUMINAIRE_REASON_BOOT, d4i: true, gtin: 3_760_123_450_029,
        serial: Uint8Array.of(0, 0, 0, 0, 0, 0xbe, 0xef, 1), gearGtin: 4_012_345_000_019, gearSerial: Uint8Array.of(0, 0, 0, 0, 0, 0, 0xc0, 0xfe),
        gearFirmware: 0x0104, yearOfManufacture: 2025, weekOfManufacture: 9, nominalPowerW: 36, minDimPowerW: 3, minMainsV: 220, maxMainsV: 240,
        fluxLm: 5200, cri: 70, cctK: 2700, distribution: 2, energyWh: 250_036, powerDw: 4, operatingTimeS: 43_200_000, startCount: 4001,
        supplyDv: 2300, gearTemperatureC: 48, ledOnTimeS: 41_400_000, ledVoltageDv: 540, ledCurrentMa: 0, ledTemperatureC: -5, failures: 5, actualLevel: 254,
      },
    },
  },
  // ───────────── downlink ─────────────
  {
    name: 'downlink-config',
    direction: 'downlink',
    description: 'SetConfig for a lamp in Nantes: negative longitude, POSIX TZ rule, logarithmic curve',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 314, time: T0 + 5,
      config: {
        version: 6, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: 47_218_371, longitudeE6: -1_553_621, stateIntervalS: 900,
        energyIntervalS: 900, fallbackLevel: 80, curve: DimCurve.DIM_CURVE_LOGARITHMIC, minLevel: 10, nominalPowerW: 65, fadeDefaultS: 3,
      },
    },
  },
  {
    name: 'downlink-config-extremes',
    direction: 'downlink',
    description: 'SetConfig at the coordinate bounds (-90°, +180°)',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 315, time: T0 + 6,
      config: { version: 4_294_967_295, tz: 'UTC0', latitudeE6: -90_000_000, longitudeE6: 180_000_000, fallbackLevel: 100, minLevel: 1 },
    },
  },
  {
    name: 'downlink-plan',
    direction: 'downlink',
    description: 'SetPlan: two night programs (sunset/sunrise anchors, negative offsets), weekday and dated rules with packed dates',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 316, time: T0 + 7,
      plan: {
        plan: {
          id: 3, version: 13, defaultProgramId: 1,
          programs: [
            {
              id: 1,
              steps: [
                { anchor: Anchor.ANCHOR_SUNSET, offsetMin: -15, level: 100, fadeS: 30 },
                { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 1380, level: 50, fadeS: 600 },
                { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 1800, level: 30 },
                { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: -30, level: 100, fadeS: 300 },
                { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 15, level: 0 },
              ],
            },
            {
              id: 2,
              steps: [
                { anchor: Anchor.ANCHOR_CIVIL_DUSK, offsetMin: 0, level: 100 },
                { anchor: Anchor.ANCHOR_CIVIL_DAWN, offsetMin: 0, level: 0, fadeS: 120 },
              ],
            },
          ],
          rules: [
            { programId: 1, weekdayMask: 0b0111111, priority: 1 },
            { programId: 2, weekdayMask: 0b1000000, priority: 1 },
            { programId: 2, dates: [20251224, 20251231, 20260101, 20260714], priority: 10 },
          ],
        },
      },
    },
  },
  {
    name: 'downlink-plan-presence',
    direction: 'downlink',
    description: 'SetPlan with presence steps: full light at sunset, 23:00 presence mode off (base 0) raised to 80 %, 05:30 presence mode at base 20 %',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 318, time: T0 + 9,
      plan: {
        plan: {
          id: 4, version: 1, defaultProgramId: 1,
          programs: [
            {
              id: 1,
              steps: [
                { anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: 100, fadeS: 30 },
                { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 1380, level: 80, fadeS: 60, presence: { baseLevel: 0, holdS: 60, fadeUpS: 1, fadeDownS: 10 } },
                { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 330, level: 80, presence: { baseLevel: 20, holdS: 3600, fadeUpS: 60, fadeDownS: 3600 } },
                { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0 },
              ],
            },
          ],
        },
      },
    },
  },
  {
    name: 'downlink-plan-empty',
    direction: 'downlink',
    description: 'SetPlan with an empty Plan (written as an empty sub-message)',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 317, time: T0 + 8, plan: { plan: {} } },
  },
  {
    name: 'downlink-command-override',
    direction: 'downlink',
    description: 'Command.set_override: 20 % for an hour with a fade',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 318, time: T0 + 9,
      command: { setOverride: { id: 77, level: 20, expiresAt: T0 + 3609, fadeS: 5 } },
    },
  },
  {
    name: 'downlink-command-clear-any',
    direction: 'downlink',
    description: 'Command.clear_override = 0 (any): a oneof member is written even when zero',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 319, time: T0 + 10, command: { clearOverride: 0 } },
  },
  {
    name: 'downlink-command-presence-ahead',
    direction: 'downlink',
    description: 'Command presence_ahead: a neighbour along the street detected someone coming (its hold 30 s)',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 319, time: T0 + 10, command: { presenceAhead: { holdS: 30 } } },
  },
  {
    name: 'downlink-command-reboot',
    direction: 'downlink',
    description: 'Command.reboot',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 320, time: T0 + 11, command: { reboot: true } },
  },
  {
    name: 'downlink-command-request-report',
    direction: 'downlink',
    description: 'Command.request_report',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 321, time: T0 + 12, command: { requestReport: true } },
  },
  {
    name: 'downlink-command-read-luminaire',
    direction: 'downlink',
    description: 'Command.read_luminaire (issue 17): read the DALI-2 / D4i driver again and report',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 322, time: T0 + 13, command: { readLuminaire: true } },
  },
  {
    name: 'downlink-ota-offer',
    direction: 'downlink',
    description: 'OtaOffer of a mod image: sha256 (32 bytes), manifest, Ed25519 signature (64 bytes), install window',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 322, time: T0 + 13,
      otaOffer: {
        imageId: 10, version: '1.5.0-rc.1', kind: 2, size: 412_733, sha256: seqBytes(32, (i) => i * 7 + 1),
        manifest: seqBytes(300, (i) => (i * 31) ^ 0x5a), signature: seqBytes(64, (i) => 255 - i * 3), keyId: 2,
        chunkSize: 4096, windowStartMin: 60, windowEndMin: 300,
      },
    },
  },
  {
    name: 'downlink-ota-chunk',
    direction: 'downlink',
    description: 'OtaChunk with the largest data allowed (MAX_OTA_CHUNK_BYTES)',
    message: {
      protocolVersion: 1, deviceId: DEVICE, seq: 323, time: T0 + 14,
      otaChunk: { imageId: 10, offset: 408_576, data: seqBytes(4096, (i) => (i * 131 + 7) ^ (i >> 8)) },
    },
  },
  {
    name: 'downlink-energy-ack',
    direction: 'downlink',
    description: 'EnergyAck of records up to seq 3',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 324, time: T0 + 15, energyAck: { ackedSeq: 3 } },
  },
  {
    name: 'downlink-time-sync',
    direction: 'downlink',
    description: 'TimeSync answering a Hello (the envelope time is the payload)',
    message: { protocolVersion: 1, deviceId: DEVICE, seq: 325, time: T0 + 16, timeSync: { uplinkSeq: 1 } },
  },
  // ───────────── presence ─────────────
  {
    name: 'presence-online',
    direction: 'presence',
    description: 'Presence published after CONNACK',
    message: { online: true, bootCount: 87 },
  },
  {
    name: 'presence-offline-will',
    direction: 'presence',
    description: 'Presence set as the retained MQTT will (online false is omitted)',
    message: { online: false, bootCount: 87 },
  },
  {
    name: 'presence-empty',
    direction: 'presence',
    description: 'Presence with nothing set: zero bytes, decodes to offline',
    message: {},
  },
];
