/**
 * Server/simulator codec: the protobufjs static module generated from proto/ (src/generated), configured so
 * that 64-bit integers decode to JS numbers (values are bounded well below 2^53 by validation).
 */
// Must stay the first import: it disables Long before the generated module computes its defaults.
import './protobuf-config.js';
import { streetlight } from './generated/streetlight.js';

export const pb = streetlight.v1;
export type Uplink = streetlight.v1.IUplink;
export type Downlink = streetlight.v1.IDownlink;
export type Presence = streetlight.v1.IPresence;
export type DeviceIdentityMessage = streetlight.v1.IDeviceIdentity;
