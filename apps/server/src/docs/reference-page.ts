// The API reference: openapi/tenant.yaml rendered by Scalar's API reference (its prebuilt browser
// bundle, served by this server: no other origin is ever asked for anything), as a page the server
// serves and as one self-contained HTML file (`pnpm docs`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { specPath } from '@tenantctl/schema/spec-file';
import { parse } from 'yaml';

/** The spec as written (YAML) and as JSON, read once. */
export interface SpecTexts {
  yaml: string;
  json: string;
}

let spec: SpecTexts | undefined;
export function specTexts(): SpecTexts {
  if (!spec) {
    const yaml = readFileSync(specPath, 'utf8');
    spec = { yaml, json: JSON.stringify(parse(yaml)) };
  }
  return spec;
}

let bundle: string | undefined;
/** Scalar's standalone browser bundle (one script: styles and code; its fonts are not used). */
export function rendererScript(): string {
  if (!bundle) {
    const require = createRequire(import.meta.url);
    bundle = readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
  }
  return bundle;
}

/**
 * What the page asks of the renderer: "try it" goes to this server (`prefix`) with the bearer token the
 * reader pastes; nothing is fetched from elsewhere (no web fonts, no proxy, no hosted services).
 */
export function rendererConfiguration(prefix: string | undefined): Record<string, unknown> {
  return {
    ...(prefix === undefined ? {} : { servers: [{ url: prefix, description: 'This reference server' }] }),
    withDefaultFonts: false,
    hideClientButton: true,
    showDeveloperTools: 'never',
    agent: { disabled: true },
    mcp: { disabled: true },
    telemetry: false,
    authentication: { preferredSecurityScheme: 'bearerAuth' },
    metaData: { title: 'PBX Tenant API reference' },
  };
}

/** The Content-Security-Policy of the page: its own origin only (the renderer injects its styles). */
export const referencePagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const escapeAttribute = (text: string) => text.replaceAll('&', '&amp;').replaceAll("'", '&#39;');
/** Text made safe to put inside a <script> element: `</script` cannot end it early. */
const insideScript = (text: string) => text.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');

const head = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PBX Tenant API reference</title>
<link rel="icon" href="data:,">
</head>
<body>
`;

/** The page the server serves: the spec and the renderer are fetched from the same server. */
export function servedReferencePage(prefix: string): string {
  const configuration = escapeAttribute(JSON.stringify(rendererConfiguration(prefix)));
  return `${head}<script id="api-reference" data-url="${prefix}/openapi.json" data-configuration='${configuration}'></script>
<script src="${prefix}/docs/renderer.js"></script>
</body>
</html>
`;
}

/** One self-contained file for hosting anywhere: the spec and the renderer inside. */
export function staticReferencePage(): string {
  const configuration = escapeAttribute(JSON.stringify(rendererConfiguration(undefined)));
  return `${head}<script id="api-reference" type="application/json" data-configuration='${configuration}'>${insideScript(specTexts().json)}</script>
<script>${insideScript(rendererScript())}</script>
</body>
</html>
`;
}
