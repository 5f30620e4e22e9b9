// The median of the benchmarks' samples: with an even count, the mean of the two middle values (the
// upper one alone would report the slower of two rounds).

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
