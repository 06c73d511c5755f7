/** The .proto sources of protocol v1, relative to the package, in the order the generators read them. */
export const PROTO_FILES = ['common', 'uplink', 'downlink', 'presence', 'ota', 'identity'].map((n) => `proto/streetlight/v1/${n}.proto`);
export const PROTO_PACKAGE = 'streetlight.v1';
