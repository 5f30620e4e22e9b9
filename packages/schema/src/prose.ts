// How the spec's prose is shortened for messages and listings, the same way everywhere.

/** An enum with at most this many values is listed whole in messages and `explain`; a longer one is summed up. */
export const MAX_LISTED_VALUES = 12;

/** The first sentence of a description, on one line (`''` for none). */
export function firstSentence(description: string | undefined): string {
  const line = (description ?? '').replace(/\s+/g, ' ').trim();
  return line.split(/\.(?:\s|$)/)[0] ?? line;
}
