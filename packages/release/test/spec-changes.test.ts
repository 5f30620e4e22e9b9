// The classification the gate relies on, for the four kinds of change the issue names, made to the real
// spec: what api-smart-diff decides after the spec is inlined.
import { readFileSync } from 'node:fs';
import { specPath } from '@tenantctl/schema/spec-file';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareSpecs, formatChanges } from '../src/spec-changes.js';

interface Schema {
  properties: Record<string, Record<string, unknown>>;
  enum: unknown[];
}
interface Spec {
  components: { schemas: Record<string, Schema> };
}
const spec = (): Spec => parse(readFileSync(specPath, 'utf8'));
function schema(doc: Spec, name: string): Schema {
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}
const property = (doc: Spec, name: string, key: string) => {
  const found = schema(doc, name).properties[key];
  if (!found) throw new Error(`no property ${name}.${key}`);
  return found;
};

function changed(edit: (doc: Spec) => void) {
  const after = spec();
  edit(after);
  return compareSpecs(spec(), after);
}

describe('compareSpecs', () => {
  it('finds nothing between the spec and itself', () => {
    expect(compareSpecs(spec(), spec())).toEqual([]);
  });

  it('calls removing a field breaking: a client that sends it is refused', () => {
    // stir_shaken_cert: in Tenant and TenantUpdate only (the by-id update and the summary leave it out),
    // so nothing else refers to the two properties removed.
    const changes = changed((doc) => {
      delete schema(doc, 'Tenant').properties.stir_shaken_cert;
      delete schema(doc, 'TenantUpdate').properties.stir_shaken_cert;
    });
    expect(changes).toContainEqual({
      kind: 'breaking',
      where: 'POST /tenant',
      description: expect.stringMatching(/Removed.*`stir_shaken_cert`.*Request Body/),
    });
    // Every property of an answer is optional in the spec (the object is open, see Tenant), so its
    // absence from GET /tenant is something a consumer handles already.
    expect(changes).toContainEqual({
      kind: 'non-breaking',
      where: 'GET /tenant',
      description: expect.stringMatching(/Removed.*`stir_shaken_cert`.*Response 200/),
    });
  });

  it('calls tightening a bound of a request field breaking', () => {
    const changes = changed((doc) => {
      property(doc, 'TenantUpdate', 'name').maxLength = 512;
    });
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'breaking',
        where: 'POST /tenant',
        description: expect.stringMatching(/maxLength.*`name`.*Request Body/),
      }),
    );
  });

  it('calls a new enum value breaking in an answer, and not in a request', () => {
    const changes = changed((doc) => {
      schema(doc, 'ContactMatchType').enum.push('MATCH_PREFIX');
    });
    const aboutEnum = changes.filter((change) => change.description.includes('contact_match_type'));
    expect(aboutEnum).toContainEqual(
      expect.objectContaining({
        kind: 'breaking',
        where: 'GET /tenant',
        description: expect.stringContaining('Response 200'),
      }),
    );
    expect(aboutEnum.filter((change) => change.description.includes('Request Body'))).not.toHaveLength(0);
    expect(
      aboutEnum.filter((change) => change.description.includes('Request Body') && change.kind === 'breaking'),
    ).toEqual([]);
  });

  it('calls a new optional request field non-breaking, and nothing else changes', () => {
    const changes = changed((doc) => {
      schema(doc, 'TenantUpdate').properties.nickname = { type: 'string', maxLength: 64 };
    });
    expect(changes).toEqual([
      expect.objectContaining({
        kind: 'non-breaking',
        where: 'POST /tenant',
        description: expect.stringContaining('nickname'),
      }),
    ]);
  });

  it('keeps the bounds written beside a $ref (the library alone read them as removed)', () => {
    // Tenant.name → TenantUpdate.name → PlainText: two $refs, with minLength/maxLength beside the second.
    const changes = changed((doc) => {
      property(doc, 'TenantUpdate', 'name').maxLength = 2048;
    });
    // Every answer that carries the name (the tenant, the list's items, a tenant by id) breaks; no request.
    expect(changes.filter((change) => change.kind === 'breaking')).toEqual([
      expect.objectContaining({
        where: 'GET /tenant',
        description: expect.stringContaining('`name` in Response 200'),
      }),
      expect.objectContaining({
        where: 'GET /tenants',
        description: expect.stringContaining('`items[].name` in Response 200'),
      }),
      expect.objectContaining({
        where: 'GET /tenants/{id}',
        description: expect.stringContaining('`name` in Response 200'),
      }),
    ]);
  });

  it('lists breaking changes first, one Markdown line each naming the operation', () => {
    const changes = changed((doc) => {
      schema(doc, 'TenantUpdate').properties.nickname = { type: 'string' };
      property(doc, 'TenantUpdate', 'name').maxLength = 512;
    });
    expect(changes[0]?.kind).toBe('breaking');
    const lines = formatChanges(changes).split('\n');
    expect(lines).toHaveLength(changes.length);
    expect(lines[0]).toMatch(/^- \*\*breaking\*\* `POST \/tenant`: /);
    const firstNonBreaking = lines.findIndex((line) => line.startsWith('- **non-breaking**'));
    expect(lines.slice(0, firstNonBreaking).every((line) => line.startsWith('- **breaking**'))).toBe(true);
    expect(lines.slice(firstNonBreaking)).toContainEqual(
      expect.stringMatching(/^- \*\*non-breaking\*\* `POST \/tenant`: .*nickname/),
    );
  });
});
