// The tenant collection (`/tenants…`) for a PBX's system users: a SystemAdmin sees every tenant, a
// Dealer the tenants assigned to them; a tenant the caller may not see is 404 exactly as one that does
// not exist. A tenant's own admin and its API tokens get 403 here and keep using `/tenant`.
import { validateValue } from '@tenantctl/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { noStore } from '../answer-headers.js';
import { apiError, unauthorized, validationError } from '../api-errors.js';
import { registerBodyless } from '../bodyless-routes.js';
import { updateSettings } from '../settings-update.js';
import type {
  AdminStore,
  AuthStore,
  CollectionStore,
  TenantRow,
  TenantSettings,
  TenantStore,
  UserRecord,
} from '../storage/tenant-store.js';
import {
  defaultSettings,
  etagOf,
  toDealer,
  toTenantDetailsBody,
  toTenantSummary,
} from '../tenant-representation.js';
import { bearerToken, hashToken } from '../tokens.js';
import { readListParameters } from './list-parameters.js';
import { systemRole } from './roles.js';

export type CollectionRoutesStore = TenantStore & AuthStore & CollectionStore & Pick<AdminStore, 'listUsers'>;

interface Caller {
  user: UserRecord;
  role: 'SystemAdmin' | 'Dealer';
}

const notFound = () => apiError(404, 'NOT_FOUND', 'No tenant with that id.');

export function registerTenantCollectionRoutes(
  app: FastifyInstance,
  prefix: string,
  store: CollectionRoutesStore,
  clock: () => number,
): void {
  /** The system user of the request's session; 403 for anyone else who is signed in, 401 for no one. */
  async function systemCaller(request: FastifyRequest): Promise<Caller> {
    const token = bearerToken(request.headers.authorization);
    if (!token) throw unauthorized();
    const hash = hashToken(token);
    const now = clock();
    const user = await store.sessionUser(hash, now);
    const role = user ? systemRole(user.role) : undefined;
    if (user && role) return { user, role };
    if (user || (await store.findTokenOwner(hash, now))) {
      throw apiError(
        403,
        'FORBIDDEN',
        "Only a SystemAdmin or a Dealer may use /tenants; a tenant's own users and API tokens use /tenant.",
      );
    }
    throw unauthorized();
  }

  /** The tenant of that id if the caller may see it; 404 otherwise, 400 for text that is no id. */
  async function visibleTenant(caller: Caller, id: string): Promise<TenantRow> {
    const checked = validateValue('PathId', id, { subject: 'id' });
    if (!checked.valid) {
      throw validationError(checked.violations.map((problem) => ({ ...problem, path: '/id', field: 'id' })));
    }
    const tenant = await store.readTenantRow(id);
    if (!tenant || (caller.role === 'Dealer' && tenant.dealerId !== caller.user.id)) throw notFound();
    return tenant;
  }

  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

  app.get(`${prefix}/tenants`, async (request, reply) => {
    const caller = await systemCaller(request);
    const parameters = readListParameters(request.query as Record<string, unknown>);
    if (!parameters.ok) throw validationError(parameters.violations);
    const page = await store.listTenantPage({
      ...parameters.value,
      ...(caller.role === 'Dealer' ? { dealerId: caller.user.id } : {}),
    });
    return reply.headers(noStore).send({ count: page.count, items: page.items.map(toTenantSummary) });
  });

  app.post(`${prefix}/tenants`, async (request, reply) => {
    const caller = await systemCaller(request);
    const checked = validateValue<TenantSettings & { name: string }>('TenantCreate', request.body);
    if (!checked.valid) throw validationError(checked.violations);
    const created = await store.createTenant(
      { ...defaultSettings(checked.value.name), ...checked.value },
      caller.role === 'Dealer' ? { dealerId: caller.user.id } : {},
    );
    return reply
      .code(201)
      .headers(noStore)
      .header('Location', `${prefix}/tenants/${created.id}`)
      .send({ id: created.id });
  });

  app.get(`${prefix}/tenants/:id`, async (request, reply) => {
    const tenant = await visibleTenant(await systemCaller(request), idOf(request));
    return reply
      .headers(noStore)
      .header('ETag', etagOf(tenant.version, store.instanceId))
      .send(toTenantDetailsBody(tenant));
  });

  app.post(`${prefix}/tenants/:id`, async (request, reply) => {
    const tenant = await visibleTenant(await systemCaller(request), idOf(request));
    const etag = await updateSettings(
      store,
      tenant.id,
      { schema: 'TenantAdminUpdate', body: request.body, ifMatch: request.headers['if-match'] },
      notFound,
    );
    return reply.code(200).headers(noStore).header('ETag', etag).send();
  });

  registerBodyless(app, (bodyless) => {
    bodyless.post(`${prefix}/tenants/:id/destroy`, async (request, reply) => {
      const tenant = await visibleTenant(await systemCaller(request), idOf(request));
      if (!(await store.destroyTenant(tenant.id))) throw notFound();
      return reply.code(204).headers(noStore).send();
    });

    bodyless.post(`${prefix}/tenants/switch`, async (request, reply) => {
      const caller = await systemCaller(request);
      const { id, ...others } = request.query as Record<string, unknown>;
      const extra = Object.keys(others)[0];
      if (extra !== undefined) {
        throw validationError([
          {
            path: `/${extra}`,
            field: extra,
            rule: 'additionalProperties',
            message: `${extra}: is not a parameter of POST /tenants/switch (id)`,
          },
        ]);
      }
      if (typeof id !== 'string') {
        throw validationError([
          {
            path: '/id',
            field: 'id',
            rule: 'required',
            message: 'id: required, once: the tenant to switch into',
          },
        ]);
      }
      const tenant = await visibleTenant(caller, id);
      const token = bearerToken(request.headers.authorization) ?? '';
      if (!(await store.switchSessionTenant(hashToken(token), tenant.id, clock()))) throw unauthorized();
      return reply.code(200).headers(noStore).send();
    });
  });

  app.get(`${prefix}/tenants/:id/dealers`, async (request, reply) => {
    const tenant = await visibleTenant(await systemCaller(request), idOf(request));
    const dealer = tenant.dealerId ? await store.userById(tenant.dealerId) : undefined;
    const items = dealer ? [toDealer(dealer)] : [];
    return reply.headers(noStore).send({ count: items.length, items });
  });
}
