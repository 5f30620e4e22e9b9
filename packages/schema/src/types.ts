// Friendly names for the generated types: aliases only, every shape comes from openapi/tenant.yaml.
import type { components, operations, paths } from './generated/openapi.js';

type Schemas = components['schemas'];

export type { components, operations, paths };
/** The current tenant as `GET /tenant` returns it; any property may be `null` (blank). */
export type Tenant = Schemas['Tenant'];
/** The body of `POST /tenant`: a partial update, every property optional. */
export type TenantUpdate = Schemas['TenantUpdate'];
/** The vendor's error body `{"errors":[{code,message,detail}]}`. */
export type ErrorResponse = Schemas['ErrorResponse'];
export type ErrorItem = Schemas['ErrorItem'];
export type KnownErrorCode = Schemas['KnownErrorCode'];
export type ValidationDetail = Schemas['ValidationDetail'];
export type ContactMatchType = Schemas['ContactMatchType'];
export type ContactAppendType = Schemas['ContactAppendType'];
export type TimeZone = Schemas['TimeZone'];
export type CurrencyCode = Schemas['CurrencyCode'];
export type CountryCode = Schemas['CountryCode'];
/** A field that `POST /tenant` can set. */
export type SettableFieldName = keyof TenantUpdate;
/** The body of `POST /auth/sign_in` (and of the older `POST /login`). */
export type SignInRequest = Schemas['SignInRequest'];
/** What `POST /auth/sign_in` answers: the tokens, or a second factor to complete. */
export type SignInResponse = Schemas['SignInResponse'];
/** A session's tokens, as sign-in, code verification and refresh answer them. */
export type SessionTokens = Schemas['SessionTokens'];
/** The sign-in needs a one-time code: send it with the flow token. */
export type SecondFactorRequired = Schemas['SecondFactorRequired'];
/** What `GET /auth/user` answers. */
export type SignedInUser = Schemas['SignedInUser'];
/** What the older `POST /login` answers: an access token with no refresh token. */
export type LegacySignInResponse = Schemas['LegacySignInResponse'];
/** A tenant as `GET /tenants/{id}` returns it: the `Tenant` fields and a few more. */
export type TenantDetails = Schemas['TenantDetails'];
/** One tenant of `GET /tenants`: the smaller summary. */
export type TenantSummary = Schemas['TenantSummary'];
/** A page of `GET /tenants`. */
export type TenantList = Schemas['TenantList'];
/** The body of `POST /tenants/{id}`: a system user's partial update. */
export type TenantAdminUpdate = Schemas['TenantAdminUpdate'];
/** The body of `POST /tenants`. */
export type TenantCreate = Schemas['TenantCreate'];
/** What `GET /tenant/status` answers. */
export type TenantStatus = Schemas['TenantStatus'];
/** A dealer a tenant belongs to (`GET /tenants/{id}/dealers`). */
export type Dealer = Schemas['Dealer'];
/** One of the vendor's built-in roles. */
export type Role = Schemas['Role'];
/** A field that `POST /tenants/{id}` can set. */
export type AdminSettableFieldName = keyof TenantAdminUpdate;
