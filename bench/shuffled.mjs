// A copy of the benchmarks' lines in a random order (Fisher–Yates: every order equally likely, which
// sorting by a random comparison is not), so that no line always runs right after the same one.

export function shuffled(items) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
