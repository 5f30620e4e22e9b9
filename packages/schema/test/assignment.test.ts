import { describe, expect, it } from 'vitest';
import { AssignmentSyntaxError, parseAssignment } from '../src/assignment.js';

describe('parseAssignment', () => {
  it.each([
    ['recording_retention=90', 'recording_retention', '90', 90],
    ['enable_audio_recording=true', 'enable_audio_recording', 'true', true],
    ['website=', 'website', '', ''],
    ['custom_options={"a":"b=c"}', 'custom_options', '{"a":"b=c"}', '{"a":"b=c"}'],
    ['colour=red', 'colour', 'red', 'red'],
  ])('%s', (assignment, key, text, value) => {
    const parsed = parseAssignment(assignment);
    expect(parsed).toMatchObject({ key, text, value });
    expect(parsed.field?.name).toBe(key === 'colour' ? undefined : key);
  });

  it.each([
    ['recording_retention', '"recording_retention" is not KEY=VALUE (KEY= sets an empty string)'],
    ['=90', 'an assignment with no KEY is not KEY=VALUE (KEY= sets an empty string)'],
    ['=secret-value', 'an assignment with no KEY is not KEY=VALUE (KEY= sets an empty string)'],
  ])('refuses %j without echoing a value', (assignment, message) => {
    expect(() => parseAssignment(assignment)).toThrow(new AssignmentSyntaxError(message));
    expect(() => parseAssignment(assignment)).not.toThrow(/secret-value/);
  });

  it('names its error class', () => {
    expect(new AssignmentSyntaxError('x').name).toBe('AssignmentSyntaxError');
  });
});
