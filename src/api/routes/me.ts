import { apiKeyScopes } from '../../domain/model.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';

const Me = z
  .object({
    organization_id: z.string(),
    actor: z.object({
      type: z.enum(['api_key', 'admin', 'account']).openapi({
        description: '`api_key`: an API key; `account`: a channel account’s token; `admin`: an admin JWT.',
      }),
      id: z.string().openapi({ description: 'The key’s id, or the JWT’s `sub`.' }),
      name: z.string().nullable(),
      email: z.string().nullable(),
    }),
    scopes: z.array(z.enum(apiKeyScopes)).openapi({ description: 'An admin JWT acts with `admin`.' }),
    channel_account_id: z
      .string()
      .nullable()
      .openapi({ description: 'Set for an account token: the only channel account it acts on.' }),
  })
  .openapi('Me');

/** Who the credentials belong to: how a client (the console) learns its organization and what it may do. */
export function meRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/v1/me',
      operationId: 'getMe',
      summary: 'The caller: organization, actor and scopes of these credentials',
      description:
        'Any valid API key, account token or admin JWT may ask; it reveals nothing the holder could not use.',
      tags: ['API keys'],
      auth: { scopes: [...apiKeyScopes] },
      responses: {
        200: { description: 'The credentials’ organization, actor and scopes', schema: Me },
        401: { description: 'Missing or invalid credentials' },
      },
      handle: ({ principal }) =>
        Promise.resolve({
          status: 200,
          body: {
            organization_id: principal.organizationId,
            actor: principal.actor,
            scopes: principal.scopes,
            channel_account_id: principal.channelAccountId,
          },
        }),
    }),
  ];
}
