// JSON Pointers (RFC 6901) as violations and error bodies carry them: `/recording_retention`, `/a~1b`.

/** One reference token of a pointer, unescaped: `~1` is `/`, `~0` is `~` (in that order, §4). */
export function unescapePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The pointer to `key` inside the value at `parent` (`''` for the whole document). */
export function pointerTo(parent: string, key: string): string {
  return `${parent}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** The top-level field a pointer points into, or undefined for the whole document (`''`) or a non-pointer. */
export function topLevelField(pointer: string): string | undefined {
  if (!pointer.startsWith('/')) return undefined;
  const end = pointer.indexOf('/', 1);
  return unescapePointerToken(end < 0 ? pointer.slice(1) : pointer.slice(1, end));
}
