/**
 * @streetlight/hardware-sim — simulated luminaire controller boards for tests and the demo.
 * See README.md.
 */
export { VirtualClock, TimerGroup, DEFAULT_CLOCK_START, type VirtualClockOptions, type RunUntilOptions, type WaitForOptions } from './clock.js';
export { PinBus, DEFAULT_PIN_MAP, ESP32_GPIO, ESP32_INPUT_ONLY, type PinMap, type PwmTraceEntry, type PinEvent, type PinBusOptions } from './io/bus.js';
export { createPwmClass, PWM_DEFAULT_HZ, PWM_DEFAULT_RESOLUTION, PWM_MAX_RESOLUTION, type SimPwmOptions, type SimPwmIO, type SimPwmClass } from './io/pwm.js';
export { createDigitalClass, DigitalMode, DigitalEdge, type SimDigitalOptions, type SimDigitalIO, type SimDigitalClass } from './io/digital.js';
export {
  LuminaireElectrical, driverInputPowerW, lightOutput, powerFactor, ledFluxFraction,
  DEFAULT_STANDBY_W, DEFAULT_MIN_LEVEL, DEFAULT_LOW_LOAD_LOSS,
  type DriverSpec, type SupplySpec, type ElectricalState, type LedSpec,
} from './electrical.js';
export { SimFlash, FlashView, NVS_MAX_KEY_LENGTH, NVS_MAX_VALUE_BYTES, type SimFlashOptions } from './storage.js';
export { SimMqttClient, SimLink, ConnectPacer, createMqttClientClass, SIM_MQTT_WRITABLE, NO_NETWORK_FAIL_MS, type SimLinkOptions, type MqttClassOptions, type SimMqttClientIO, type SimMqttClientClass } from './mqtt.js';
export {
  SimBoard, loadDefaultFirmware, hash32, mulberry32, nodeHmac, nodeVerifyP256, simDeviceKey,
  type FirmwareFactory, type SimBoardOptions, type BoardState, type BoardLogEntry, type Position, type SimIdentity,
} from './board.js';
export {
  SimPresenceSensor, SimStreet, PRESENCE_PIN, TRAFFIC_SPEEDS,
  type PresenceSensorOptions, type SimStreetOptions, type StreetPole, type WalkOptions, type Passage, type PolePassage, type TrafficKind, type TrafficProfile,
} from './presence.js';
export { SimFleet, type SimFleetOptions, type FleetBoardOptions, type FleetStartOptions, type FleetStats } from './fleet.js';
export { RingBuffer } from './ring.js';
export * from './town/index.js';
// XS host (issue 3): the firmware bundle inside the real XS engine.
export * from './xs/index.js';
// OTA (issue 6): A/B slots, bootloader rollback, simulated images.
export { buildSimImage, parseSimImage, SimBootloader, SlotFlash, SECTOR, BootError, type SimImageInfo, type Slot, type SlotState, type BootDecision } from './ota/bootloader.js';
// Issue 15: a board flashed by the fleet server's `device flash` (identity in NVS, the image in slot 0).
export { flashedBoard, NotFlashedError } from './flashed.js';
// Metering (issue 5): chip models, metering IO classes, the meterlog flash partition.
export * from './chips/index.js';
export { SimFlashPartition, PowerLossError, partitionView, FLASH_SECTOR_BYTES, DEFAULT_METERLOG_BYTES, type SimFlashPartitionOptions } from './flash-partition.js';
// Issue 17: DALI-2 LED driver with D4i memory banks behind a UART DALI interface.
export * from './dali/index.js';
