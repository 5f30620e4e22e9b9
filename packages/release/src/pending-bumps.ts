// The bump each package gets from the changesets not yet versioned (`.changeset/*.md`), read with
// Changesets' own reader: the highest bump any of them gives.
import readChangesets from '@changesets/read';
import { atLeast, type Bump } from './semver-bump.js';

export async function pendingBumps(repo: string): Promise<Map<string, Bump>> {
  const bumps = new Map<string, Bump>();
  for (const changeset of await readChangesets(repo)) {
    for (const release of changeset.releases) {
      const before = bumps.get(release.name) ?? 'none';
      if (!atLeast(before, release.type)) bumps.set(release.name, release.type);
    }
  }
  return bumps;
}
