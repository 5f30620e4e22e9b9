// JSON text as RFC 8259 wants it exchanged between systems: UTF-8 (§8.1), names unique within an object
// (§4: otherwise receivers disagree on what was sent), strings of Unicode characters (§8.2: no unpaired
// surrogate escape). JSON.parse accepts all three quietly; these checks say which rule a body breaks.
import { pointerTo } from '@tenantctl/schema/json';

export interface JsonTextProblem {
  /** `encoding`, `json`, `uniqueKeys` or `unicode`, as the spec's `ValidationDetail.rule` lists them. */
  rule: 'encoding' | 'json' | 'uniqueKeys' | 'unicode';
  /** JSON Pointer to the value concerned (`''` for the whole body). */
  path: string;
  message: string;
}

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; problem: JsonTextProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true });
// With the `u` flag a valid surrogate pair is one code point, so only an unpaired half matches.
const unpairedSurrogate = /\p{Cs}/u;

interface Container {
  path: string;
  /** Object: the names seen so far, and the name whose value comes next. Array: the next index. */
  names?: Set<string>;
  name?: string;
  expectingName?: boolean;
  index?: number;
}

/** Index just past the string literal that starts at `start` (a `"`); the text is known to be valid JSON. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

function valuePath(container: Container | undefined): string {
  if (!container) return '';
  return container.names
    ? pointerTo(container.path, container.name ?? '')
    : pointerTo(container.path, String(container.index ?? 0));
}

/** A repeated name or an unpaired surrogate in text that JSON.parse accepted, if there is one. */
export function findInterchangeProblem(text: string): JsonTextProblem | undefined {
  const stack: Container[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x22) {
      const end = endOfString(text, i);
      const literal = text.slice(i, end);
      const escaped = literal.includes('\\');
      const isName = top?.expectingName === true;
      if (escaped && literal.includes('\\u') && unpairedSurrogate.test(JSON.parse(literal) as string)) {
        const path = isName ? (top?.path ?? '') : valuePath(top);
        return {
          rule: 'unicode',
          path,
          message:
            'The body holds a string with an unpaired surrogate (\\ud800-\\udfff alone), which is not Unicode text.',
        };
      }
      if (isName && top) {
        const name = escaped ? (JSON.parse(literal) as string) : literal.slice(1, -1);
        if (top.names?.has(name)) {
          const path = pointerTo(top.path, name);
          return {
            rule: 'uniqueKeys',
            path,
            message: `${path.slice(1) || 'the body'}: the name appears twice in one object; send it once.`,
          };
        }
        top.names?.add(name);
        top.name = name;
        top.expectingName = false;
      }
      i = end - 1;
    } else if (c === 0x7b /* { */) {
      stack.push({ path: valuePath(top), names: new Set(), expectingName: true });
    } else if (c === 0x5b /* [ */) {
      stack.push({ path: valuePath(top), index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */ && top) {
      if (top.names) top.expectingName = true;
      else top.index = (top.index ?? 0) + 1;
    }
  }
  return undefined;
}

/** Decodes and parses a request body, refusing what JSON.parse alone would quietly accept or alter. */
export function parseJsonText(bytes: Uint8Array): JsonTextResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      problem: {
        rule: 'encoding',
        path: '',
        message: 'The body is not valid UTF-8; JSON between systems must be UTF-8 (RFC 8259).',
      },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problem: { rule: 'json', path: '', message: 'The body is not valid JSON.' } };
  }
  const problem = findInterchangeProblem(text);
  return problem ? { ok: false, problem } : { ok: true, value };
}
