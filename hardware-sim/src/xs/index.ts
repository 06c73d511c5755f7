/** The XS host: the firmware bundle inside the real XS engine (xsnap), bridged to the simulated parts. */
export { XsMachine, XsError, XsExitError, XsAbortError, xsnapWorkerPath, type XsMachineOptions, type XsMeter, type XsResult } from './machine.js';
export {
  createXsFirmware, startXsFirmware, firmwareBundle, guestScript, deviceLedger, resetDeviceLedger,
  type DeviceLedger, type XsFirmware, type XsFirmwareOptions, type XsDeliveryCost,
} from './bridge.js';

/** Where a simulated board runs its firmware (`SimBoard` option `runtime`). */
export type FirmwareRuntime = 'node' | 'xs' | 'device';
