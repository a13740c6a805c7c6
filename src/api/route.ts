import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import type { AuditActor } from '../domain/audit.js';
import type { ApiKeyScope } from '../domain/model.js';
import { badRequest } from '../domain/errors.js';
import type { RateLimits, RateLimitSubject, RouteRateLimit } from './rate-limit.js';

/** Who is calling: resolved from the credentials, and the organization every query is scoped to. */
export interface Principal {
  organizationId: string;
  scopes: ApiKeyScope[];
  /** Set for an account token: the only channel account this caller may act on. */
  channelAccountId: string | null;
  /** Who acts (an API key, an admin from a JWT, a channel account), for audit and takeover payloads. */
  actor: { type: 'api_key' | 'admin' | 'account'; id: string; name: string | null; email: string | null };
}

/** The caller as the agent of a change (the takeover webhook's `agent`). */
export const actorOf = ({ actor }: Principal) => ({ id: actor.id, name: actor.name, email: actor.email });

/** The caller as the audit log records it: key id or JWT `sub`, and the client address. */
export const auditActorOf = ({ actor }: Principal, ctx: Context): AuditActor => ({
  type: actor.type,
  id: actor.id,
  name: actor.name,
  ip: ctx.ip || null,
});

/** `public` routes take no credentials; others accept an API key holding any one of `scopes` (or `admin`). */
export type AuthRequirement = 'public' | { scopes: ApiKeyScope[] };

type AnyObject = z.ZodObject;

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec<A extends AuthRequirement, P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path template, e.g. `/v1/accounts/{accountId}/messages`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  /** Limits this route per organization and channel account (counted before the input is validated, like any request). */
  rateLimit?: RouteRateLimit;
  /** `headers` are checked (case-insensitively, declared names only) and documented, not handed to `handle`. */
  request?: { headers?: AnyObject; params?: P; query?: Q; body?: B };
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handle(input: {
    ctx: Context;
    principal: A extends 'public' ? null : Principal;
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
  }): Promise<RouteResult>;
}

/** A route as the router and the OpenAPI generator see it (type parameters erased). */
export interface Route {
  spec: RouteSpec<AuthRequirement, AnyObject, AnyObject, z.ZodType>;
}

export function defineRoute<
  A extends AuthRequirement,
  P extends AnyObject = z.ZodObject<Record<string, never>>,
  Q extends AnyObject = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
>(spec: RouteSpec<A, P, Q, B>): Route {
  return { spec: spec };
}

export type Authenticate = (ctx: Context, requirement: Exclude<AuthRequirement, 'public'>) => Promise<Principal>;

/**
 * The path of the first string or key holding a NUL character: no store keeps those faithfully
 * (PostgreSQL refuses them). The path names a key's NUL as the text `\u0000`, so the error does not
 * echo the character either.
 */
function nulCharacterAt(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = [...path, key.replaceAll('\u0000', '\\u0000')];
      const found = key.includes('\u0000') ? keyPath.join('.') : nulCharacterAt(item, keyPath);
      if (found !== null) return found;
    }
  }
  return null;
}

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> | undefined {
  if (!schema) return undefined;
  const nul = nulCharacterAt(value);
  if (nul !== null)
    throw badRequest(`Invalid ${where}`, [{ in: where, path: nul, message: 'must not contain NUL characters' }]);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badRequest(
    `Invalid ${where}`,
    parsed.error.issues.map((issue) => ({ in: where, path: issue.path.join('.'), message: issue.message })),
  );
}

const securityFor = (auth: AuthRequirement): Record<string, string[]>[] =>
  auth === 'public' ? [] : [{ apiKey: [] }, { bearerAuth: [] }];

function openApiRoute({ spec }: Route): RouteConfig {
  const body = spec.request?.body;
  const validated = spec.request?.params ?? spec.request?.query ?? spec.request?.headers ?? body;
  // Every validated part can be refused with a 400, and a limited route with a 429, documented or not by the route.
  const responses: Route['spec']['responses'] = {};
  if (validated)
    responses[400] = { description: 'Invalid path, query, header or body parameters (each named in the error)' };
  if (spec.rateLimit) {
    responses[429] = {
      description: 'Too many requests (organization or channel account): retry after `Retry-After` seconds',
    };
  }
  Object.assign(responses, spec.responses);
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    security: securityFor(spec.auth),
    request: {
      headers: spec.request?.headers,
      params: spec.request?.params,
      query: spec.request?.query,
      // A body whose fields are all optional may be left out: it is read as `{}`.
      ...(body
        ? { body: { required: !body.safeParse({}).success, content: { 'application/json': { schema: body } } } }
        : {}),
    },
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.schema ? { content: { 'application/json': { schema: response.schema } } } : {}),
        },
      ]),
    ),
  };
}

/**
 * Whom a request is counted against: its organization, and the channel account it acts for (an
 * account token's own, else the path's `accountId` or the body's `account_id`). Read before
 * validation, so an invalid id is counted too; its length is bounded to keep counter keys small.
 */
function rateLimitSubject(ctx: Context, principal: Principal | null): RateLimitSubject {
  const body = ctx.request.body as { account_id?: unknown } | undefined;
  const params = ctx.params as Record<string, string | undefined>;
  const named = principal?.channelAccountId ?? params.accountId ?? body?.account_id;
  return {
    organizationId: principal?.organizationId ?? ctx.ip,
    channelAccountId: typeof named === 'string' ? named.slice(0, 64) : null,
  };
}

/** The declared headers of a request, by their documented names (`undefined` when absent). */
function declaredHeaders(ctx: Context, schema: AnyObject | undefined): Record<string, string | undefined> {
  if (!schema) return {};
  return Object.fromEntries(Object.keys(schema.shape).map((name) => [name, ctx.get(name) || undefined]));
}

/** Documents routes in the OpenAPI registry (what `mountRoutes` does besides routing). */
export function documentRoutes(registry: OpenAPIRegistry, routes: Route[]): void {
  for (const route of routes) registry.registerPath(openApiRoute(route));
}

/**
 * Mounts routes on the router and documents them in the OpenAPI registry from the same zod
 * schemas, so what is validated and what is documented cannot drift apart.
 */
export function mountRoutes(
  router: Router,
  registry: OpenAPIRegistry,
  routes: Route[],
  authenticate: Authenticate,
  rateLimits: RateLimits,
): void {
  documentRoutes(registry, routes);
  for (const { spec } of routes) {
    const koaPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    router[spec.method](koaPath, async (ctx) => {
      const principal = spec.auth === 'public' ? null : await authenticate(ctx, spec.auth);
      if (spec.rateLimit) await rateLimits.consume(ctx, spec.rateLimit, rateLimitSubject(ctx, principal));
      parsePart(spec.request?.headers, declaredHeaders(ctx, spec.request?.headers), 'headers');
      const params = parsePart(spec.request?.params, ctx.params, 'path parameters');
      const query = parsePart(spec.request?.query, ctx.query, 'query parameters');
      const body = parsePart(spec.request?.body, ctx.request.body, 'request body');
      const result = await spec.handle({ ctx, principal: principal, params: params ?? {}, query: query ?? {}, body });
      ctx.status = result.status;
      if (result.headers) ctx.set(result.headers);
      if (result.body !== undefined) ctx.body = result.body;
    });
  }
}
