// Which secrets a piece of output shows. A one-time code is six digits, so it is looked for as a whole
// number: a log line's millisecond timestamp (1796628534436) holds any six digits now and then.

/** The secrets that appear in `text`; digit-only secrets count only when no digit is next to them. */
export function secretsShownIn(text: string, secrets: Iterable<string>): string[] {
  const shown: string[] = [];
  for (const secret of secrets) {
    if (secret === '') continue;
    const found = /^\d+$/.test(secret)
      ? new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(text)
      : text.includes(secret);
    if (found) shown.push(secret);
  }
  return shown;
}
