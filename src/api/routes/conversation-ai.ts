/**
 * Seed 004's surface, Conversation AI, as its route files share it (conversation-ai-agents, -actions,
 * -followup-settings, -generations; knowledge bases and calendars use its scopes): the `Version`
 * header, the NestJS-style error bodies and the write rate limit.
 */
import { STATUS_CODES } from 'node:http';
import { ServiceError } from '../../domain/errors.js';
import type { ErrorSurface } from '../errors.js';
import { z } from '../openapi-zod.js';
import type { RouteRateLimit } from '../rate-limit.js';
import { defineRoute, type AuthRequirement, type Route, type RouteSpec } from '../route.js';

/** The only API version this surface speaks (seed 004's `Version` header). */
export const CONVERSATION_AI_API_VERSION = '2021-04-15';

type Detail = { path?: string; message: string };

/**
 * Seed 004's error bodies, NestJS style: `{ statusCode, message, error }`, `message` listing every
 * problem of an invalid request. An invalid body is 422 (bad JSON, query or headers stay 400), and a
 * key without the scope is 401: the surface documents no 403.
 */
export const conversationAiSurface: ErrorSurface = {
  pathPrefix: '/conversation-ai/',
  adapt(error) {
    if (error.status === 403) return new ServiceError(401, 'unauthorized', error.message);
    const details = error.details as { in?: string }[] | undefined;
    const invalidBody = error.code === 'validation_error' && details?.every((detail) => detail.in === 'request body');
    return invalidBody ? new ServiceError(422, 'unprocessable_entity', error.message, error.details) : error;
  },
  render(error) {
    const details = error.details as Detail[] | undefined;
    const message = Array.isArray(details)
      ? details.map((detail) => (detail.path ? `${detail.path} ${detail.message}` : detail.message))
      : error.message;
    return { statusCode: error.status, message, error: STATUS_CODES[error.status] ?? 'Error' };
  },
};

export const NestError = (status: number, example: string) =>
  z
    .object({
      statusCode: z.literal(status),
      message: z.union([z.string(), z.array(z.string())]),
      error: z.string(),
    })
    .openapi({ example: { statusCode: status, message: example, error: STATUS_CODES[status] } });

const errorResponses = {
  400: {
    description: 'Missing or wrong `Version` header, malformed JSON or query parameters',
    schema: NestError(400, 'Version must be 2021-04-15'),
  },
  401: {
    description: 'Missing or invalid credentials, or a key without the required scope',
    schema: NestError(401, 'Invalid API key'),
  },
  404: { description: 'No such agent (or action) in this organization', schema: NestError(404, 'Agent not found') },
  422: {
    description:
      'The body is invalid or refers to something that does not fit (unknown knowledge base, calendar, agent)',
    schema: NestError(422, 'waitTime must not be greater than 300 seconds'),
  },
};

const VersionHeader = z.object({
  Version: z
    .literal(CONVERSATION_AI_API_VERSION, { error: `must be ${CONVERSATION_AI_API_VERSION}` })
    .openapi({ description: 'API version', example: CONVERSATION_AI_API_VERSION }),
});

type Scoped = Exclude<AuthRequirement, 'public'>;
/** Who reads and who changes agents and what they use (knowledge bases, calendars): a write key may also read. */
export const conversationAiReadScopes: Scoped = { scopes: ['conversation-ai.readonly', 'conversation-ai.write'] };
export const conversationAiWriteScopes: Scoped = { scopes: ['conversation-ai.write'] };

/** A route of this surface: the `Version` header, its tag and its documented error answers. */
export function conversationAiRoute<
  P extends z.ZodObject = z.ZodObject<Record<string, never>>,
  Q extends z.ZodObject = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(spec: Omit<RouteSpec<Scoped, P, Q, B>, 'tags'>): Route {
  return defineRoute<Scoped, P, Q, B>({
    ...spec,
    tags: ['Conversation AI'],
    request: { ...spec.request, headers: VersionHeader },
    responses: { ...errorResponses, ...spec.responses },
  });
}

/** Every write of the surface counts against the organization's limit: 429 with `Retry-After` past it. */
export const limitedWrite =
  (rateLimit: RouteRateLimit) =>
  (route: Route): Route =>
    route.spec.method === 'get'
      ? route
      : {
          spec: {
            ...route.spec,
            rateLimit,
            responses: {
              ...route.spec.responses,
              429: {
                description: 'Too many writes for this organization: retry after `Retry-After` seconds',
                schema: NestError(429, 'Too Many Requests'),
              },
            },
          },
        };
