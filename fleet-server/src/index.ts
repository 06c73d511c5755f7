export { build, type BuildOptions, type Fleet } from './app.js';
export { loadConfig, configSchema, ConfigError, PortInUseError, SETTINGS, type Config, type ConfigInput } from './config.js';
export { ERRORS, FleetError, RETIRED_CODES, type ErrorBody } from './errors.js';
export { Metrics, type MetricsSnapshot } from './metrics.js';
export { DeviceService, type DeviceServiceOptions, type SendDownlink } from './devices/service.js';
export { openRepository, openSqlite, openPostgres, type Repository } from './db/index.js';
export { DEFAULT_TZ } from './devices/device-config.js';
export { loadSigningKey, generateSigningKey, signManifest, keyIdOf, verifyP256, SigningKeyError, type SigningKey, type SignedManifest } from './ota/signing.js';
// issue 4: plan drafts, validation (structure + decree of 27 Dec 2018) and preview, for tools and tests.
export { draftPlanSchema, draftToProto, type PlanDraft, type Finding, type GroupRules } from './plans/model.js';
export { validatePlan } from './plans/validate.js';
export { previewPlan } from './plans/preview.js';
export { AuthService } from './auth/service.js';
export { ROLES, minimumRole, type Role, type Principal } from './auth/model.js';
export { hashPassword, verifyPassword, randomPassword } from './auth/password.js';
export { readServerClock, serverClockOf, writeServerClock, SERVER_CLOCK_FILE, type ServerClockState } from './server-clock.js';
