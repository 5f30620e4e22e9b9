// The last release of a package, from the git tags `changeset publish` creates (`@tenantctl/schema@0.1.0`):
// the newest one in the history of HEAD, and any file as it was then.
import { execFileSync } from 'node:child_process';

export interface Release {
  tag: string;
  version: string;
}

function git(repo: string, args: readonly string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The newest release of `name` reachable from HEAD, or undefined when there was none. */
export function lastRelease(repo: string, name: string): Release | undefined {
  const tags = git(repo, ['tag', '--merged', 'HEAD', '--list', `${name}@*`, '--sort=-v:refname']);
  const tag = tags.split('\n').find((line) => line.trim() !== '');
  return tag === undefined ? undefined : { tag, version: tag.slice(name.length + 1) };
}

/** A file's text at a release. */
export function fileAt(repo: string, release: Release, path: string): string {
  return git(repo, ['show', `${release.tag}:${path}`]);
}
