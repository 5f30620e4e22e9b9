// Which bump a change needs, under semver's rule for 0.x: below 1.0 a minor bump is the one that may
// break (a consumer's `^0.2.0` does not take 0.3.0).

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

export function atLeast(bump: Bump, wanted: Bump): boolean {
  return rank[bump] >= rank[wanted];
}
