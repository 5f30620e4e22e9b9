// Which tenants a fleet rule's match takes.
import { describe, expect, it } from 'vitest';
import { globToRegExp, listReadings, matcherFor } from '../../src/fleet/match.js';

const tenant = (id: string, name: string | null, domain: string | null = null) => ({ id, name, domain });

describe('globToRegExp', () => {
  it.each([
    ['shop-*', 'shop-berlin', true],
    ['shop-*', 'shop-', true],
    ['shop-*', 'Shop-berlin', false],
    ['shop-?', 'shop-1', true],
    ['shop-?', 'shop-12', false],
    ['a.b', 'axb', false],
    ['a.b', 'a.b', true],
    ['(x)+[y]', '(x)+[y]', true],
    ['*', 'line\nbreak', true],
  ])('%s on %j → %s', (glob, text, matches) => {
    expect(globToRegExp(glob).test(text)).toBe(matches);
  });
});

describe('matcherFor', () => {
  it('matches names and domains by glob, ids exactly, lists by id or name, filters by the ids listed', () => {
    const berlin = tenant('T1', 'shop-berlin', 'berlin.shops.test');
    const acme = tenant('T2', 'Acme', null);
    expect(matcherFor({ kind: 'name', glob: 'shop-*' })(berlin)).toBe(true);
    expect(matcherFor({ kind: 'name', glob: 'shop-*' })(acme)).toBe(false);
    expect(matcherFor({ kind: 'domain', glob: '*.shops.test' })(berlin)).toBe(true);
    expect(matcherFor({ kind: 'domain', glob: '*' })(acme)).toBe(false); // no domain: nothing to match
    expect(matcherFor({ kind: 'id', id: 'T2' })(acme)).toBe(true);
    expect(matcherFor({ kind: 'list', items: ['T1', 'Acme'] })(berlin)).toBe(true);
    expect(matcherFor({ kind: 'list', items: ['T1', 'Acme'] })(acme)).toBe(true);
    expect(matcherFor({ kind: 'list', items: ['T9'] })(acme)).toBe(false);
    expect(matcherFor({ kind: 'filter', filter: 'x' }, new Set(['T2']))(acme)).toBe(true);
    expect(matcherFor({ kind: 'filter', filter: 'x' }, new Set(['T2']))(berlin)).toBe(false);
    expect(matcherFor({ kind: 'name', glob: '*' })(tenant('T3', null))).toBe(false);
  });

  it('reads id:X in a list as an id only and name:X as a name only', () => {
    const decoy = tenant('T9', 'T1', null); // named with another tenant's id
    const real = tenant('T1', 'shop-berlin', null);
    expect(matcherFor({ kind: 'list', items: ['id:T1'] })(real)).toBe(true);
    expect(matcherFor({ kind: 'list', items: ['id:T1'] })(decoy)).toBe(false);
    expect(matcherFor({ kind: 'list', items: ['name:T1'] })(decoy)).toBe(true);
    expect(matcherFor({ kind: 'list', items: ['name:T1'] })(real)).toBe(false);
    expect(listReadings(['id:a', 'name:b', 'c'])).toEqual({
      ids: new Set(['a', 'c']),
      names: new Set(['b', 'c']),
      either: new Set(['c']),
    });
  });
});
