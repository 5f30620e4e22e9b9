// The fleet file checked whole: what it takes, and every way it is refused (exit 2, naming the rule).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMatch, readFleetFile } from '../../src/fleet/fleet-file.js';
import { harness, scratch } from '../support/harness.js';

let n = 0;
async function read(text: string) {
  const file = join(scratch, `fleet-${++n}.yaml`);
  writeFileSync(file, text);
  return { file, fleet: await readFleetFile(file, harness().deps) };
}
async function refused(text: string): Promise<string> {
  const error = await read(text).catch((e: unknown) => e);
  expect(error).toMatchObject({ exitCode: 2 });
  return (error as Error).message.replace(/^.*?fleet-\d+\.yaml/, 'FLEET');
}

describe('readFleetFile', () => {
  it('reads the PBXs and the rules, in order, each match of its kind', async () => {
    const { fleet, file } = await read(`
pbx:
  - profile: eu
  - profile: us
tenants:
  - match: { name: "shop-*" }
    set: { enable_audio_recording: true, recording_retention: 30 }
  - match: { domain: "*.berlin.test" }
    set: { timezone: Europe/Berlin }
  - match: { id: NzAwNTUxOTA5NzczMTQ4MTYw }
    set: { max_extensions: 50 }
  - match: { filter: "enabled eq true" }
    set: { enabled: true }
  - match: [acme, NzAwNTUxOTA5NzczMTQ4MTYw]
    set: { max_call_queues: 3 }
`);
    expect(fleet.source).toBe(file);
    expect(fleet.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fleet.pbx).toEqual([{ profile: 'eu' }, { profile: 'us' }]);
    expect(fleet.rules.map((rule) => [rule.number, rule.match.kind])).toEqual([
      [1, 'name'],
      [2, 'domain'],
      [3, 'id'],
      [4, 'filter'],
      [5, 'list'],
    ]);
    expect(fleet.rules[0]?.set).toEqual({ enable_audio_recording: true, recording_retention: 30 });
    expect(fleet.rules.map((rule) => describeMatch(rule.match))).toEqual([
      'name "shop-*"',
      'domain "*.berlin.test"',
      'id NzAwNTUxOTA5NzczMTQ4MTYw',
      'filter "enabled eq true"',
      'a list of 2',
    ]);
  });

  it('takes JSON too, and the current profile when it names no PBX', async () => {
    const { fleet } = await read('{"tenants":[{"match":{"name":"a"},"set":{"enabled":false}}]}');
    expect(fleet.pbx).toEqual([{}]);
  });

  it.each([
    ['tenants: []', 'FLEET: tenants: a list of one or more rules ({ match: …, set: … })'],
    [
      'colour: red\ntenants: [{ match: { name: a }, set: { enabled: true } }]',
      'FLEET: "colour" is not a key here (it takes pbx, tenants)',
    ],
    [
      'pbx: [{ profile: eu }, { profile: eu }]\ntenants: [{ match: { name: a }, set: { enabled: true } }]',
      'FLEET: pbx 2: profile "eu" is listed twice',
    ],
    [
      'pbx: [{ url: x }]\ntenants: [{ match: { name: a }, set: { enabled: true } }]',
      'FLEET: pbx 1: "url" is not a key here (it takes profile)',
    ],
    ['tenants: [{ set: { enabled: true } }]', 'FLEET: rule 1: match is required'],
    [
      'tenants: [{ match: { name: a }, set: { enabled: true }, when: now }]',
      'FLEET: rule 1: "when" is not a key here (it takes match, set)',
    ],
    [
      'tenants: [{ match: { region: DEU }, set: { enabled: true } }]',
      'FLEET: rule 1: match: "region" is not a key here (it takes name, domain, id, filter)',
    ],
    [
      'tenants: [{ match: { name: a, id: b }, set: { enabled: true } }]',
      'FLEET: rule 1: match: give exactly one of name, domain, id, filter',
    ],
    [
      'tenants: [{ match: [], set: { enabled: true } }]',
      'FLEET: rule 1: match: a list must hold one or more ids or names',
    ],
    [
      'tenants: [{ match: { name: "" }, set: { enabled: true } }]',
      'FLEET: rule 1: match.name: must be a non-empty string',
    ],
    ['tenants: [{ match: { name: a } }]', 'FLEET: rule 1: set: must be a mapping of fields to values'],
  ])('refuses %j', async (text, message) => {
    expect(await refused(text)).toBe(message);
  });

  it('names the rule and each field the by-id update does not take or whose value the spec refuses', async () => {
    const message = await refused(`
tenants:
  - match: { name: a }
    set: { enabled: true }
  - match: { name: b }
    set: { name: renamed, max_extensions: -1, region: Germany }
`);
    expect(message).toBe(
      [
        'FLEET: rule 2: set: invalid, nothing was sent:',
        '  - set.name: cannot be set by id (POST /tenants/{id})',
        '  - set.region: must be one of the 249 allowed values (A valid country code based on iso3166-1 alpha-3 standard), e.g. "USA"',
        '  - set.max_extensions: must be >= 0',
      ].join('\n'),
    );
  });

  it('refuses a file that is not there, or not a mapping', async () => {
    await expect(readFleetFile(join(scratch, 'no-such-fleet.yaml'), harness().deps)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/no such file/),
    });
    expect(await refused('- a\n- b\n')).toMatch(/must hold a mapping/);
  });
});
