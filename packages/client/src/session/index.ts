// `@tenantctl/client/session`: signing in to a PBX and keeping the session alive for a client.
export type { AuthConnection } from './auth-api.js';
export {
  resumeSession,
  type SessionOptions,
  type SignInFlow,
  type StoredSession,
  type TenantSession,
} from './session.js';
export { type SignInOptions, signIn } from './sign-in.js';
