import type { components } from './generated/openapi.js';

/** A named schema of open-api.json, e.g. `ApiSchema<'OpenOnlineSessionRequest'>`. */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];
