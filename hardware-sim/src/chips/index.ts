export { SimMetering, METER_PINS, type MeterSpec, type MeterChipKind, type SimMeteringOptions } from './metering.js';
export { SimHlw8012 } from './hlw8012.js';
export { SimBl0940 } from './bl0940.js';
export { createPulseCountClass, type PulseSource, type SimPulseCountOptions } from './pulse-count.js';
export { createSerialClass, SERIAL_RX_BUFFER, type SerialPeer, type SimSerialOptions } from './serial.js';
export type { ChipErrors, MeteredLine } from './line.js';
