// Starts a real Prism process on the spec and checks what the mock promises its users.
import { validateTenant } from '@tenantctl/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPrism, startPrism } from '../src/index.js';

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
}, 60_000);
afterAll(() => prism?.stop());

const auth = { Authorization: 'Bearer any-token' };

describe('the Prism mock of openapi/tenant.yaml', () => {
  it('answers GET /tenant with a believable tenant that passes Tenant validation', async () => {
    const response = await fetch(`${prism.url}/tenant`, { headers: auth });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(validateTenant(body)).toMatchObject({ valid: true });
    expect(body.name).not.toBe('string');
    expect(Object.keys(body)).toHaveLength(42);
  });

  it('answers 401 to a GET without a token', async () => {
    const response = await fetch(`${prism.url}/tenant`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('rejects a POST that breaks a rule', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ recording_retention: 0 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('sl-violations')).toContain('recording_retention');
  });

  it('rejects a POST with a read-only field', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ max_extensions: 5 }),
    });
    expect(response.status).toBe(400);
  });

  it('accepts a valid partial update', async () => {
    const response = await fetch(`${prism.url}/tenant`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ enable_audio_recording: true, timezone: 'Europe/Berlin' }),
    });
    expect(response.status).toBe(200);
  });
});
