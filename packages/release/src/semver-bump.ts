// Which bump a change needs and which one a version step made, under semver's rule for 0.x: below
// 1.0 a minor bump is the one that may break (a consumer's `^0.2.0` does not take 0.3.0).

export type Bump = 'major' | 'minor' | 'patch' | 'none';

const rank: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

function parts(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`"${version}" is not a semver version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The bump that tells consumers of `version` that something breaks. */
export function breakingBumpFor(version: string): Bump {
  return parts(version)[0] === 0 ? 'minor' : 'major';
}

/** The bump from `from` to `to` (`none` when `to` is not newer). */
export function bumpBetween(from: string, to: string): Bump {
  const [a, b] = [parts(from), parts(to)];
  if (b[0] !== a[0]) return b[0] > a[0] ? 'major' : 'none';
  if (b[1] !== a[1]) return b[1] > a[1] ? 'minor' : 'none';
  return b[2] > a[2] ? 'patch' : 'none';
}

export function atLeast(bump: Bump, wanted: Bump): boolean {
  return rank[bump] >= rank[wanted];
}
