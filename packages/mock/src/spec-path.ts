import { fileURLToPath } from 'node:url';

/** Absolute path of the one source of truth, openapi/tenant.yaml (from src/ or dist/ alike). */
export const specPath = fileURLToPath(new URL('../../../openapi/tenant.yaml', import.meta.url));
