// The `@tenantctl/schema/json` entry: small JSON helpers with no schema attached, for bundles that must
// stay small (the client's entry chunk) and for the server's reading of request bodies.
export { isJsonObject } from '../json-object.js';
export { pointerTo, topLevelField } from '../json-pointer.js';
