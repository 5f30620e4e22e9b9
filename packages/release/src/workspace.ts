// The workspace as Changesets sees it (the same reader): its root and its public packages, those
// without `"private": true`, which are the ones a release publishes.
import { getPackages } from '@manypkg/get-packages';

export interface PublicPackage {
  name: string;
  version: string;
  dir: string;
}

export async function publicPackages(cwd: string): Promise<{ root: string; packages: PublicPackage[] }> {
  const { root, packages } = await getPackages(cwd);
  return {
    root: root.dir,
    packages: packages
      .filter((pkg) => pkg.packageJson.private !== true)
      .map((pkg) => ({ name: pkg.packageJson.name, version: pkg.packageJson.version, dir: pkg.dir })),
  };
}
