import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileAt, lastRelease } from '../src/last-release.js';

const repo = mkdtempSync(join(tmpdir(), 'last-release-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], {
    stdio: 'pipe',
  });

function commit(text: string, ...tags: string[]) {
  writeFileSync(join(repo, 'spec.yaml'), text);
  git('add', '-A');
  git('commit', '-q', '-m', text);
  for (const tag of tags) git('tag', tag);
}

describe('lastRelease', () => {
  git('init', '-q', '-b', 'main');
  commit('nine', '@x/schema@0.9.0', '@x/client@5.0.0');
  commit('ten', '@x/schema@0.10.0');
  commit('after');
  git('checkout', '-q', '-b', 'side', 'HEAD~2');
  commit('side', '@x/schema@0.11.0');
  git('checkout', '-q', 'main');

  it('is the newest tag of the package by version (0.10 after 0.9), in the history of HEAD only', () => {
    expect(lastRelease(repo, '@x/schema')).toEqual({ tag: '@x/schema@0.10.0', version: '0.10.0' });
  });

  it('reads a file as it was at the release', () => {
    expect(fileAt(repo, { tag: '@x/schema@0.9.0', version: '0.9.0' }, 'spec.yaml')).toBe('nine');
  });

  it('is undefined for a package never released', () => {
    expect(lastRelease(repo, '@x/cli')).toBeUndefined();
  });
});
