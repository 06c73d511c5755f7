/**
 * The error catalogue (HOUSE-STYLE 12): every error the API returns has a stable code, a message and an HTTP
 * status. Codes are never reused: a retired code moves to RETIRED_CODES and stays there. The README's
 * "Error catalogue" table is checked against this list by test/errors.test.ts.
 */
export interface ErrorSpec {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

export const ERRORS = {
  VALIDATION: { code: 'SL_VALIDATION', status: 400, message: 'The request does not match its schema' },
  NOT_FOUND: { code: 'SL_NOT_FOUND', status: 404, message: 'No such route' },
  TENANT_NOT_FOUND: { code: 'SL_TENANT_NOT_FOUND', status: 404, message: 'Unknown tenant' },
  DEVICE_NOT_FOUND: { code: 'SL_DEVICE_NOT_FOUND', status: 404, message: 'Unknown device for this tenant' },
  GROUP_NOT_FOUND: { code: 'SL_GROUP_NOT_FOUND', status: 404, message: 'Unknown group for this tenant' },
  DEVICE_OTHER_TENANT: { code: 'SL_DEVICE_OTHER_TENANT', status: 409, message: 'Device belongs to another tenant' },
  PAYLOAD_TOO_LARGE: { code: 'SL_PAYLOAD_TOO_LARGE', status: 413, message: 'Request body too large' },
  // issue 4: plans
  PLAN_NOT_FOUND: { code: 'SL_PLAN_NOT_FOUND', status: 404, message: 'Unknown plan or plan version for this tenant' },
  PLAN_INVALID: { code: 'SL_PLAN_INVALID', status: 422, message: 'The plan has structural errors (see details.findings)' },
  MODEL_NOT_FOUND: { code: 'SL_MODEL_NOT_FOUND', status: 404, message: 'Unknown luminaire model for this tenant' },
  PLAN_NO_SITE: { code: 'SL_PLAN_NO_SITE', status: 400, message: 'No site to evaluate the plan at: give a group with placed poles, or a site' },
  // issue 7: accounts, roles, sessions
  UNAUTHENTICATED: { code: 'SL_UNAUTHENTICATED', status: 401, message: 'Sign in or give an API token' },
  BAD_CREDENTIALS: { code: 'SL_BAD_CREDENTIALS', status: 401, message: 'Wrong e-mail or password' },
  FORBIDDEN: { code: 'SL_FORBIDDEN', status: 403, message: 'Your role on this tenant does not allow this' },
  CSRF: { code: 'SL_CSRF', status: 403, message: 'Missing or wrong X-CSRF-Token, or cross-site request' },
  RATE_LIMITED: { code: 'SL_RATE_LIMITED', status: 429, message: 'Too many failed sign-ins; try again later' },
  WEAK_PASSWORD: { code: 'SL_WEAK_PASSWORD', status: 400, message: 'The password is refused (details.reason: blank, one_character, common or contains_identity)' },
  USER_EXISTS: { code: 'SL_USER_EXISTS', status: 409, message: 'A user with this e-mail already exists' },
  USER_NOT_FOUND: { code: 'SL_USER_NOT_FOUND', status: 404, message: 'No such user on this tenant' },
  TOKEN_NOT_FOUND: { code: 'SL_TOKEN_NOT_FOUND', status: 404, message: 'No such active API token on this tenant' },
  NOT_SYNDICATE: { code: 'SL_NOT_SYNDICATE', status: 404, message: 'This tenant is a town, not a syndicate' },
  // issue 5: energy and alarms
  ALARM_NOT_FOUND: { code: 'SL_ALARM_NOT_FOUND', status: 404, message: 'No such alarm on this tenant' },
  ALARM_CLEARED: { code: 'SL_ALARM_CLEARED', status: 409, message: 'The alarm is cleared already: it cannot be assigned or cleared again' },
  CONTRACTOR_NOT_FOUND: { code: 'SL_CONTRACTOR_NOT_FOUND', status: 404, message: 'No such maintenance company on this tenant' },
  ASSIGNEE_NOT_FOUND: { code: 'SL_ASSIGNEE_NOT_FOUND', status: 404, message: 'The assignee is not an account of this tenant nor one of its active maintenance companies' },
  SIMULATION_TARGET_NOT_FOUND: { code: 'SL_SIMULATION_TARGET_NOT_FOUND', status: 404, message: 'No simulated light or cabinet circuit by that id in the demo town' },
  // issue 6: OTA images and campaigns
  OTA_DISABLED: { code: 'SL_OTA_DISABLED', status: 503, message: 'OTA is not configured on this server: set OTA_SIGNING_KEY (create a key with the ota:keygen script)' },
  OTA_IMAGE_INVALID: { code: 'SL_OTA_IMAGE_INVALID', status: 422, message: 'The image or its metadata is not acceptable (see details.problems)' },
  OTA_IMAGE_EXISTS: { code: 'SL_OTA_IMAGE_EXISTS', status: 409, message: 'An image of this version and kind already exists for this tenant' },
  OTA_IMAGE_NOT_FOUND: { code: 'SL_OTA_IMAGE_NOT_FOUND', status: 404, message: 'No such OTA image for this tenant' },
  OTA_CAMPAIGN_NOT_FOUND: { code: 'SL_OTA_CAMPAIGN_NOT_FOUND', status: 404, message: 'No such OTA campaign for this tenant' },
  OTA_CAMPAIGN_STATE: { code: 'SL_OTA_CAMPAIGN_STATE', status: 409, message: 'The campaign cannot do that in its current state' },
  OTA_NO_TARGETS: { code: 'SL_OTA_NO_TARGETS', status: 422, message: 'The campaign targets no device (or all of them are in another active campaign)' },
  CLAIM_REFUSED: { code: 'SL_CLAIM_REFUSED', status: 403, message: 'Not the claim code of a controller of this town (details.reason: unknown_device, revoked, no_claim_code or wrong_code)' },
  IMPORT_REJECTED: { code: 'SL_IMPORT_REJECTED', status: 422, message: 'Some lines of the file are rejected: nothing was written (details: the report, line by line)' },
  POLE_NOT_FOUND: { code: 'SL_POLE_NOT_FOUND', status: 404, message: 'Unknown pole for this tenant' },
  CABINET_NOT_FOUND: { code: 'SL_CABINET_NOT_FOUND', status: 404, message: 'Unknown cabinet or circuit for this tenant' },
  INVENTORY_CONFLICT: { code: 'SL_INVENTORY_CONFLICT', status: 409, message: 'The inventory does not allow this now (details.reason says why)' },
  INTERNAL: { code: 'SL_INTERNAL', status: 500, message: 'Internal error' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorName = keyof typeof ERRORS;

/** Codes once used and withdrawn; never hand them out again. */
export const RETIRED_CODES: readonly string[] = [];

export class FleetError extends Error {
  override name = 'FleetError';
  readonly code: string;
  readonly statusCode: number;
  constructor(readonly spec: ErrorSpec, readonly details?: unknown, message?: string) {
    super(message ?? spec.message);
    this.code = spec.code;
    this.statusCode = spec.status;
  }
}

export const fleetError = (name: ErrorName, details?: unknown, message?: string): FleetError =>
  new FleetError(ERRORS[name], details, message);

/** Shape of every error body. */
export interface ErrorBody {
  code: string;
  message: string;
  statusCode: number;
  requestId?: string;
  details?: unknown;
}
