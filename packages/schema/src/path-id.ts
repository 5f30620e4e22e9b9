// Whether a text can be an id in a request's path, by the spec's `PathId` (its pattern and length bounds).
import { definition } from './schema-lookup.js';

let pathId: { pattern: RegExp; minLength: number; maxLength: number } | undefined;

/** Whether `text` is what the spec's `PathId` allows: worth asking the server for as an id. */
export function isPathId(text: string): boolean {
  if (!pathId) {
    const node = definition('PathId');
    pathId = {
      pattern: new RegExp(node.pattern ?? '', 'u'),
      minLength: node.minLength ?? 0,
      maxLength: node.maxLength ?? Number.POSITIVE_INFINITY,
    };
  }
  // JSON Schema counts length in code points, as a spread of the string does.
  const length = [...text].length;
  return length >= pathId.minLength && length <= pathId.maxLength && pathId.pattern.test(text);
}
