import { readFileSync } from 'node:fs';
import { specPath } from '@tenantctl/schema/spec-file';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  referencePagePolicy,
  rendererConfiguration,
  rendererScript,
  servedReferencePage,
  specTexts,
  staticReferencePage,
} from '../../src/docs/reference-page.js';

describe('the reference page', () => {
  it('served: loads the spec and the renderer from this server, no inline script, no other origin', () => {
    const page = servedReferencePage('/api');
    expect(page).toContain('data-url="/api/openapi.json"');
    expect(page).toContain('<script src="/api/docs/renderer.js"></script>');
    expect(page).not.toMatch(/https?:\/\//);
    // Every <script> either has a src or is the renderer's data element: the CSP forbids inline code.
    for (const script of page.match(/<script[^>]*>/g) ?? [])
      expect(script).toMatch(/ src=| id="api-reference"/);
  });

  it('sends "try it" to this server, and asks the renderer for nothing from elsewhere', () => {
    expect(rendererConfiguration('/api')).toMatchObject({
      servers: [{ url: '/api' }],
      withDefaultFonts: false,
      authentication: { preferredSecurityScheme: 'bearerAuth' },
    });
    expect(rendererConfiguration(undefined)).not.toHaveProperty('servers');
  });

  it('static: one file with the spec and the renderer inside, nothing able to end a script early', () => {
    const page = staticReferencePage();
    expect(page.length).toBeGreaterThan(rendererScript().length);
    expect(page).not.toContain('src=');
    const [, specJson = ''] =
      /<script id="api-reference" type="application\/json"[^>]*>([\s\S]*?)<\/script>/.exec(page) ?? [];
    expect(JSON.parse(specJson.replaceAll('<\\/script', '</script'))).toEqual(
      parse(readFileSync(specPath, 'utf8')),
    );
    // Two script elements and no third: the bundle's own "</script" strings were escaped.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
  });

  it('serves the spec as written, and as the same document in JSON', () => {
    const { yaml, json } = specTexts();
    expect(yaml).toBe(readFileSync(specPath, 'utf8'));
    expect(JSON.parse(json)).toEqual(parse(yaml));
  });

  it('has a policy that allows this origin only', () => {
    expect(referencePagePolicy).toContain("default-src 'none'");
    expect(referencePagePolicy).toContain("script-src 'self'");
    expect(referencePagePolicy).toContain("connect-src 'self'");
    expect(referencePagePolicy).not.toMatch(/https?:|\*/);
  });
});
