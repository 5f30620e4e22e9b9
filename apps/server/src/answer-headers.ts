// The headers every API answer carries, in one place for the fastify routes and the direct GET path.

/** On every answer: a tenant's body may hold a private key, so nothing is cached. */
export const noStore = { 'Cache-Control': 'no-store' } as const;

/** The media type of every JSON answer. */
export const jsonType = 'application/json; charset=utf-8';
