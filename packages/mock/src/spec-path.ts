// The spec's path, as the schema package (its owner) says.
export { specPath } from '@tenantctl/schema/spec-file';
