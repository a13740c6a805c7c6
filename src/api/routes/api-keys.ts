import { apiKeyScopes, type ApiKey } from '../../domain/model.js';
import type { UseCases } from '../../usecases/index.js';
import { z } from '../openapi-zod.js';
import { auditActorOf, defineRoute } from '../route.js';
import { ResourceId } from './common.js';

const ApiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the key, to tell keys apart.' }),
    scopes: z.array(z.enum(apiKeyScopes)),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
  })
  .openapi('ApiKey');

const view = (key: ApiKey): z.infer<typeof ApiKeyView> => ({
  id: key._id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  created_at: key.createdAt.toISOString(),
  revoked_at: key.revokedAt?.toISOString() ?? null,
});

export function apiKeyRoutes({ createApiKey, listApiKeys, revokeApiKey }: UseCases) {
  return [
    defineRoute({
      method: 'post',
      path: '/v1/api-keys',
      operationId: 'createApiKey',
      summary: 'Issue an API key for this organization',
      description: 'The key is returned once; only its SHA-256 hash is stored.',
      tags: ['API keys'],
      auth: { scopes: ['admin'] },
      request: {
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length),
          })
          .strict()
          .openapi('CreateApiKey'),
      },
      responses: {
        201: { description: 'Issued', schema: ApiKeyView.extend({ key: z.string() }).openapi('IssuedApiKey') },
        400: { description: 'Invalid body' },
      },
      async handle({ ctx, principal, body }) {
        const issued = await createApiKey.execute({
          organizationId: principal.organizationId,
          name: body.name,
          scopes: [...new Set(body.scopes)],
          actor: auditActorOf(principal, ctx),
        });
        return { status: 201, body: { ...view(issued.record), key: issued.key } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/api-keys',
      operationId: 'listApiKeys',
      summary: 'List this organization’s API keys (never the keys themselves)',
      tags: ['API keys'],
      auth: { scopes: ['admin'] },
      responses: { 200: { description: 'Keys, newest first', schema: z.array(ApiKeyView) } },
      async handle({ principal }) {
        const keys = await listApiKeys.execute({ organizationId: principal.organizationId });
        return { status: 200, body: keys.map(view) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/api-keys/{keyId}',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      tags: ['API keys'],
      auth: { scopes: ['admin'] },
      request: { params: z.object({ keyId: ResourceId }) },
      responses: { 204: { description: 'Revoked' }, 404: { description: 'No such key in this organization' } },
      async handle({ ctx, principal, params }) {
        await revokeApiKey.execute({
          organizationId: principal.organizationId,
          keyId: params.keyId,
          actor: auditActorOf(principal, ctx),
        });
        return { status: 204 };
      },
    }),
  ];
}
