// What changed between two versions of the spec, as a consumer of the API sees it: the operations'
// requests and answers and the security schemes. Classifying is api-smart-diff's job; this file only
// chooses what to show and words it.
import { apiCompare } from 'api-smart-diff';
import { dereferenceSpec } from './dereference-spec.js';

type ChangeKind = 'breaking' | 'non-breaking' | 'deprecated' | 'annotation' | 'unclassified';

export interface SpecChange {
  kind: ChangeKind;
  /** The operation (`POST /tenant`) or the part of the spec (`securitySchemes`) the change is in. */
  where: string;
  description: string;
}

const kindOrder: readonly ChangeKind[] = [
  'breaking',
  'deprecated',
  'non-breaking',
  'unclassified',
  'annotation',
];

/** Components matter through the operations that use them (which the diff reaches after inlining); the rest of `info` is prose. */
function concernsConsumers(path: readonly (string | number)[]): boolean {
  if (path[0] === 'info') return false;
  return path[0] !== 'components' || path[1] === 'securitySchemes';
}

function whereOf(path: readonly (string | number)[]): string {
  if (path[0] === 'paths' && path.length >= 3) return `${String(path[2]).toUpperCase()} ${String(path[1])}`;
  if (path[0] === 'paths') return String(path[1] ?? 'paths');
  return path.slice(0, 2).join('.');
}

function nodeAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/**
 * The one rule added to the library's: it calls removing an optional request property non-breaking,
 * which holds for an open object; a closed one (`additionalProperties: false`, as TenantUpdate) now
 * refuses a client that still sends the property, so there the removal breaks.
 */
function removesPropertyOfClosedRequest(
  root: unknown,
  diff: { action: string; path: readonly (string | number)[] },
): boolean {
  const { path } = diff;
  if (
    diff.action !== 'remove' ||
    path[0] !== 'paths' ||
    !path.includes('requestBody') ||
    path.at(-2) !== 'properties'
  )
    return false;
  const parent = nodeAt(root, path.slice(0, -2)) as
    | { additionalProperties?: unknown; unevaluatedProperties?: unknown }
    | undefined;
  return parent?.additionalProperties === false || parent?.unevaluatedProperties === false;
}

export function compareSpecs(before: unknown, after: unknown): SpecChange[] {
  const inlinedBefore = dereferenceSpec(before);
  const { diffs } = apiCompare(inlinedBefore, dereferenceSpec(after));
  return diffs
    .filter((diff) => concernsConsumers(diff.path))
    .map((diff) => ({
      kind: removesPropertyOfClosedRequest(inlinedBefore, diff) ? 'breaking' : (diff.type as ChangeKind),
      where: whereOf(diff.path),
      description: diff.description ?? `${diff.action} ${diff.path.join('.')}`,
    }))
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind));
}

/** A Markdown list of the changes, breaking first: the text a changeset carries into the changelog. */
export function formatChanges(changes: readonly SpecChange[]): string {
  return changes
    .map((change) => `- **${change.kind}** \`${change.where}\`: ${change.description}`)
    .join('\n');
}
