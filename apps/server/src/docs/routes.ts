// The reference routes: the page, its renderer and the spec. They need no token (the spec's security
// section says how the API authenticates) and are cacheable, unlike the API's answers.
import type { FastifyInstance } from 'fastify';
import { referencePagePolicy, rendererScript, servedReferencePage, specTexts } from './reference-page.js';

const cacheable = { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' };

export function registerDocsRoutes(app: FastifyInstance, prefix: string): void {
  app.get(`${prefix}/docs`, async (_request, reply) =>
    reply
      .headers({
        ...cacheable,
        'Content-Security-Policy': referencePagePolicy,
        'Referrer-Policy': 'no-referrer',
      })
      .type('text/html; charset=utf-8')
      .send(servedReferencePage(prefix)),
  );
  app.get(`${prefix}/docs/renderer.js`, async (_request, reply) =>
    reply.headers(cacheable).type('text/javascript; charset=utf-8').send(rendererScript()),
  );
  app.get(`${prefix}/openapi.yaml`, async (_request, reply) =>
    reply.headers(cacheable).type('application/yaml; charset=utf-8').send(specTexts().yaml),
  );
  app.get(`${prefix}/openapi.json`, async (_request, reply) =>
    reply.headers(cacheable).type('application/json; charset=utf-8').send(specTexts().json),
  );
}
