// "Did you mean": the closest of the spec's names or values to a mistyped one.

/**
 * Edit distance with adjacent transpositions (optimal string alignment): inserting, deleting or
 * replacing a character, or swapping two neighbours (`nmae` → `name`), each costs 1.
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: two back for transpositions.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * How many edits still read as a typo of a word this long. None in a word of three characters or
 * fewer (only its case may differ: `usa` is `USA`, but `uk` is not `UKR`), one up to four, two up to
 * eleven, three beyond.
 */
function typoBudget(length: number): number {
  return length <= 3 ? 0 : length === 4 ? 1 : length < 12 ? 2 : 3;
}

/**
 * The candidate a mistyped word most likely meant, ignoring case, or undefined when none is close
 * enough or the word is itself a candidate. Ties go to the candidate listed first.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(word)) return undefined;
  const wanted = word.trim().toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= typoBudget(wanted.length) ? best.candidate : undefined;
}

/** ` (did you mean "x"?)` for a mistyped word, or `''` when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const hint = closestMatch(word, candidates);
  return hint === undefined ? '' : ` (did you mean "${hint}"?)`;
}

/**
 * The candidates a word may have meant, nearest first, at most `limit`: those within typing distance
 * of it, and those that hold it (or that it holds), in any case. For "no tenant named X" messages.
 */
export function nearMatches(word: string, candidates: readonly string[], limit = 5): string[] {
  const wanted = word.trim().toLowerCase();
  const scored = candidates
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      const distance = editDistance(wanted, lower);
      const holds = wanted.length > 0 && (lower.includes(wanted) || wanted.includes(lower));
      return { candidate, distance, near: holds || distance <= typoBudget(wanted.length) };
    })
    .filter((entry) => entry.near && entry.candidate !== word);
  scored.sort((a, b) => a.distance - b.distance);
  return [...new Set(scored.map((entry) => entry.candidate))].slice(0, limit);
}
