import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance, nearMatches } from '../src/suggest.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['name', 'nme', 1], // a deletion
    ['name', 'naame', 1], // an insertion
    ['name', 'nime', 1], // a substitution
    ['name', 'nmae', 1], // a transposition
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3],
  ])('%j ↔ %j = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestMatch', () => {
  const zones = ['Europe/Berlin', 'Europe/Bern', 'America/New_York', 'Asia/Shanghai'];
  it.each([
    ['Europe/Berlinn', zones, 'Europe/Berlin'],
    ['europe/berlin', zones, 'Europe/Berlin'],
    ['Europe/Berlin', zones, undefined], // already right
    ['Mars/Phobos', zones, undefined],
    ['usa', ['USA', 'US', 'AUS'], 'USA'],
    ['uk', ['GBR', 'UKR'], undefined], // in a word this short, an edit is no typo: UK is not Ukraine
    ['De', ['DEU'], undefined],
    ['nmae', ['name'], 'name'],
    ['abcd', ['abxy'], undefined],
    ['recordng_retention', ['recording_retention'], 'recording_retention'],
    ['  USA ', ['USA'], 'USA'],
    ['anything', [], undefined],
  ])('%j among %j → %j', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });

  it('prefers the nearest candidate, then the one listed first', () => {
    expect(closestMatch('Europe/Berm', zones)).toBe('Europe/Bern');
    expect(closestMatch('abcx', ['abcy', 'abcz'])).toBe('abcy');
  });

  it('allows more edits in longer words: 1 at 4 characters, 2 from 5, 3 from 12', () => {
    expect(closestMatch('abcX', ['abcd'])).toBe('abcd');
    expect(closestMatch('abXY', ['abcd'])).toBeUndefined();
    expect(closestMatch('abcXY', ['abcde'])).toBe('abcde');
    expect(closestMatch('abXYZ', ['abcde'])).toBeUndefined();
    expect(closestMatch('abcdefghiXYZ', ['abcdefghijkl'])).toBe('abcdefghijkl');
    expect(closestMatch('abcdefghWXYZ', ['abcdefghijkl'])).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it('is a parenthesis with the suggestion, or nothing', () => {
    expect(didYouMean('nmae', ['name'])).toBe(' (did you mean "name"?)');
    expect(didYouMean('zzzz', ['name'])).toBe('');
  });
});

describe('nearMatches', () => {
  const names = ['shop-berlin', 'shop-bern', 'Shop Munich', 'acme', 'Acme Corp', 'globex'];

  it('lists names within typing distance or holding the word, nearest first', () => {
    expect(nearMatches('shop-berln', names)).toEqual(['shop-berlin', 'shop-bern']);
    expect(nearMatches('acme', names)).toEqual(['Acme Corp']);
    expect(nearMatches('ACME', names)).toEqual(['acme', 'Acme Corp']);
    expect(nearMatches('shop', names, 2)).toEqual(['shop-bern', 'shop-berlin']);
  });

  it('lists nothing when nothing is near', () => {
    expect(nearMatches('initech', names)).toEqual([]);
    expect(nearMatches('', names)).toEqual([]);
  });
});
