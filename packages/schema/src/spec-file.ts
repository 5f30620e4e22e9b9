// Where the one source of truth lives on disk, for the tools that read or serve it whole (the mock, the
// reference server's API reference). Node only: `@tenantctl/schema/spec-file`.
import { fileURLToPath } from 'node:url';

/** Absolute path of openapi/tenant.yaml (from src/ or dist/ alike). */
export const specPath = fileURLToPath(new URL('../../../openapi/tenant.yaml', import.meta.url));
