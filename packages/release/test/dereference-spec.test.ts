import { describe, expect, it } from 'vitest';
import { dereferenceSpec } from '../src/dereference-spec.js';

describe('dereferenceSpec', () => {
  it('inlines $refs through $refs, keeping the keywords beside each one (they win)', () => {
    const spec = {
      a: { $ref: '#/components/B', maxLength: 5 },
      components: {
        B: { $ref: '#/components/C', minLength: 1, description: 'B' },
        C: { type: 'string', description: 'C' },
        'x/y': { type: 'integer' },
      },
      slash: { $ref: '#/components/x~1y' },
    };
    expect(dereferenceSpec(spec)).toMatchObject({
      a: { type: 'string', minLength: 1, maxLength: 5, description: 'B' },
      slash: { type: 'integer' },
    });
  });

  it('leaves other documents’ $refs alone, and names a $ref that leads nowhere or to itself', () => {
    expect(dereferenceSpec({ a: { $ref: 'other.yaml#/X' } })).toEqual({ a: { $ref: 'other.yaml#/X' } });
    expect(() => dereferenceSpec({ a: { $ref: '#/nope' } })).toThrow("the spec's $ref #/nope leads nowhere");
    expect(() => dereferenceSpec({ a: { $ref: '#/a' } })).toThrow("the spec's $ref #/a refers to itself");
  });
});
