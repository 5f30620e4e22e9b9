// Inlines every local `$ref` of an OpenAPI document, keeping the keywords written beside a `$ref`
// (3.1 allows them: `$ref: PlainText` plus `maxLength: 64`). The diff library follows a `$ref` but
// loses those siblings when one `$ref` leads to another, which reads as bounds removed.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The node a local JSON pointer (`#/components/schemas/Tenant`) names. */
function resolvePointer(root: Json, ref: string): Json {
  let node: Json | undefined = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
    if (node === undefined) throw new Error(`the spec's $ref ${ref} leads nowhere`);
  }
  return node;
}

export function dereferenceSpec(spec: unknown): unknown {
  const root = spec as Json;
  const walk = (node: Json, trail: readonly string[]): Json => {
    if (Array.isArray(node)) return node.map((item) => walk(item, trail));
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...siblings } = node;
    const own = Object.fromEntries(Object.entries(siblings).map(([key, value]) => [key, walk(value, trail)]));
    if (typeof $ref !== 'string' || !$ref.startsWith('#/'))
      return $ref === undefined ? own : { $ref, ...own };
    if (trail.includes($ref)) throw new Error(`the spec's $ref ${$ref} refers to itself`);
    const target = walk(resolvePointer(root, $ref), [...trail, $ref]);
    return target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...target, ...own }
      : target;
  };
  return walk(root, []);
}
