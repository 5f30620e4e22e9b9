// FIELD.KEY=VALUE: a key inside an object field, typed by its schema in the spec; a key the object does
// not have, or a path into a list, refused naming what there is; secrets known by their format.
import { describe, expect, it } from 'vitest';
import { AssignmentSyntaxError } from '../src/assignment.js';
import { parseNestedAssignment } from '../src/nested-assignment.js';

describe('parseNestedAssignment', () => {
  it.each([
    ['a boolean', 'cdr_event.enabled=true', ['enabled'], true, false],
    ['a string', 'cdr_event.url=https://hooks.example.com/x', ['url'], 'https://hooks.example.com/x', false],
    ['a secret', 'cdr_event.token=@token.txt', ['token'], '@token.txt', true],
    [
      'an object',
      'office_hours.monday={"enabled":true,"ranges":[]}',
      ['monday'],
      { enabled: true, ranges: [] },
      false,
    ],
    ['two levels', 'office_hours.monday.enabled=false', ['monday', 'enabled'], false, false],
    ['a list, whole', 'office_hours.friday.ranges=[]', ['friday', 'ranges'], [], false],
    ['text that does not parse, kept for the validator', 'e164.enabled=yes', ['enabled'], 'yes', false],
  ])('reads %s', (_name, assignment, path, value, secret) => {
    expect(parseNestedAssignment(assignment)).toMatchObject({ path, value, secret });
  });

  it('leaves plain assignments and unknown fields to the caller', () => {
    expect(parseNestedAssignment('recording_retention=90')).toBeUndefined();
    expect(parseNestedAssignment('no_such_field.x=1')).toBeUndefined();
    expect(parseNestedAssignment('name.first=x')).toBeUndefined(); // a string field has no keys
    expect(parseNestedAssignment('=x')).toBeUndefined();
  });

  it('refuses a key the object does not have, naming the ones it has, and a path into a list', () => {
    expect(() => parseNestedAssignment('cdr_event.bogus=1')).toThrow(
      new AssignmentSyntaxError(
        'cdr_event has no key "bogus" (it has enabled, url, auth, username, password, token)',
      ),
    );
    expect(() => parseNestedAssignment('office_hours.friday.ranges.0=x')).toThrow(
      'office_hours.friday.ranges is a list: set it whole (office_hours.friday.ranges=VALUE)',
    );
    expect(() => parseNestedAssignment('cdr_event.enabled.x=1')).toThrow(
      'cdr_event.enabled is a boolean: set it whole (cdr_event.enabled=VALUE)',
    );
  });
});
