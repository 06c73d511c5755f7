export { pb, type Uplink, type Downlink, type Presence, type DeviceIdentityMessage } from './codec.js';
export * from './frames.js';
export * from './limits.js';
export * from './topics.js';
export * from './auth.js';
