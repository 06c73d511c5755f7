/**
 * Server/simulator codec: the protobufjs static module generated from proto/ (src/generated), configured so
 * that 64-bit integers decode to JS numbers (values are bounded well below 2^53 by validation).
 */
import $protobuf from 'protobufjs/minimal.js';
import { streetlight } from './generated/streetlight.js';

// Without Long, protobufjs reads uint64 as a number ([protobufjs util.Long], "configure").
$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();

export const pb = streetlight.v1;
export type Uplink = streetlight.v1.IUplink;
export type Downlink = streetlight.v1.IDownlink;
export type Presence = streetlight.v1.IPresence;
