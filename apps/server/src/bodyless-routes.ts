// POSTs that take no body (sign-out, destroy, switch): whatever a client sends with one (some send an
// empty text/plain body, the Pact verifier among them) is ignored rather than refused as an
// unsupported media type.
import type { FastifyInstance } from 'fastify';

/** Registers the routes `add` declares in a scope that reads no body of any media type. */
export function registerBodyless(app: FastifyInstance, add: (scope: FastifyInstance) => void): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, _body, done) => done(null, undefined));
    add(scope);
  });
}
