/**
 * Configures protobufjs before the generated static module is evaluated: without Long, 64-bit integers
 * read and default to JS numbers ([protobufjs util.Long], "configure"). This must run first because the
 * generated module computes its uint64 prototype defaults (`$util.Long ? Long.fromBits(0,0,true) : 0`) when
 * it is evaluated: configured later, a decoded message without `energy_mwh` would report a Long object.
 * codec.ts imports this module before src/generated/streetlight.js (ES modules evaluate in import order).
 */
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
