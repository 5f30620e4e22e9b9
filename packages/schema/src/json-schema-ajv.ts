// The one ajv instance that compiles the spec's JSON Schema: strict, no coercion, no defaults, every error.
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { tenantJsonSchema } from './generated/tenant-json-schema.js';
import { integerFormatRanges } from './integer-formats.js';

// ajv-formats is CommonJS with `exports.default`: under Node's ESM interop the plugin is that property.
const addFormats = ajvFormats.default.default ?? ajvFormats.default;

/** Builds an ajv instance holding the spec's schemas; callers compile what they need from it once. */
export function createSpecAjv(): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Errors carry their schema, so messages can quote the spec's description and examples.
    verbose: true,
    strict: true,
    // The spec puts `format` beside a `$ref` that carries the type (OpenAPI 3.1 style).
    strictTypes: false,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    // `example` was turned into `examples`; these are OpenAPI's own annotations and the spec's `x-group`.
    keywords: ['discriminator', 'xml', 'externalDocs', 'x-group'],
  });
  addFormats(ajv, ['int32', 'int64', 'password', 'date-time']);
  const [uint32Min, uint32Max] = integerFormatRanges.uint32 ?? [0, 0];
  ajv.addFormat('uint32', {
    type: 'number',
    validate: (value: number) => Number.isInteger(value) && value >= uint32Min && value <= uint32Max,
  });
  // JSON Schema 2020-12 makes `contentMediaType` an annotation; the spec uses it as a rule.
  ajv.removeKeyword('contentMediaType');
  ajv.addKeyword({
    keyword: 'contentMediaType',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (mediaType: string, data: string) => mediaType !== 'application/json' || isJsonText(data),
  });
  ajv.addSchema(tenantJsonSchema);
  return ajv;
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
