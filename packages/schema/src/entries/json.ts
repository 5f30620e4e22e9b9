// The `@tenantctl/schema/json` entry: small JSON helpers with no schema attached, for bundles that must
// stay small (the client's entry chunk).
export { isJsonObject } from '../json-object.js';
export { pointerTo, topLevelField, unescapePointerToken } from '../json-pointer.js';
