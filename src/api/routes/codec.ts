import cors from '@koa/cors';
import type { Payload } from '@temporalio/common';
import type { Context, Middleware } from 'koa';
import { badRequest, forbidden, ServiceError } from '../../domain/errors.js';
import { InvalidAdminJwt, verifyOperatorJwt, type AdminJwtSettings } from '../../lib/admin-jwt.js';
import { API_KEY_PREFIX } from '../../lib/api-key-tokens.js';
import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';

/**
 * Temporal's codec server protocol, so the Temporal UI and CLI can show the payloads the service
 * encrypts (lib/payload-encryption.ts) to its operators: `POST /codec/decode` and `/codec/encode`
 * take and answer `{payloads: [{metadata: {key: base64}, data: base64}]}` (Payload in proto JSON).
 * The UI and CLI append `/decode` and `/encode` to the endpoint they are given: `<api>/codec`.
 *
 * Decoding reveals every organization's conversations, so only an operator token (a service-wide
 * JWT, `npm run admin -- issue-operator-token`) may call it; an organization's API key or admin JWT
 * never can.
 */
export const CODEC_PATH_PREFIX = '/codec/';

/** Room for a page of history: Temporal caps one payload at 2 MB. */
export const CODEC_BODY_LIMIT = '4mb';

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const JsonPayload = z
  .object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })
  .openapi('CodecPayload');
const CodecPayloads = z.object({ payloads: z.array(JsonPayload).max(10_000) }).openapi('CodecPayloads');
type JsonPayload = z.infer<typeof JsonPayload>;

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  ...(data ? { data: Buffer.from(data, 'base64') } : {}),
});

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  ),
  ...(data?.length ? { data: Buffer.from(data).toString('base64') } : {}),
});

const challenge = { 'WWW-Authenticate': 'Basic realm="convo-pilot codec", charset="UTF-8"' };

/**
 * The operator token from `Authorization: Bearer <token>` (CLI: `--codec-auth`) or, for the browser
 * the Temporal UI runs in, `Basic` with the token as password (sent with the UI's "include
 * cross-origin credentials" once the operator has signed in at the endpoint).
 */
function operatorTokenOf(authorization: string): string | undefined {
  const [scheme, value] = authorization.split(' ');
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() !== 'basic') return undefined;
  const userAndPassword = Buffer.from(value, 'base64').toString('utf8');
  return userAndPassword.slice(userAndPassword.indexOf(':') + 1) || undefined;
}

interface Operator {
  subject: string;
}

/** The operator the guard let in (every route under CODEC_PATH_PREFIX has one). */
const operatorOf = (ctx: Context) => (ctx.state as { operator: Operator }).operator;

/** The operator calling: 401 without a valid operator token, 403 for an organization's API key. */
async function authorizeOperator(ctx: Context, settings: AdminJwtSettings): Promise<Operator> {
  const authorization = ctx.get('authorization');
  if (ctx.get('x-api-key') || authorization.split(' ')[1]?.startsWith(API_KEY_PREFIX)) {
    throw forbidden("An organization's API key cannot decode Temporal payloads; send an operator token");
  }
  const token = operatorTokenOf(authorization);
  if (!token) throw new ServiceError(401, 'unauthorized', 'Send an operator token', undefined, challenge);
  try {
    return await verifyOperatorJwt(token, settings);
  } catch (error) {
    if (!(error instanceof InvalidAdminJwt)) throw error;
    throw new ServiceError(401, 'unauthorized', `Not an operator token (${error.message})`, undefined, challenge);
  }
}

/**
 * In front of the codec routes, before any body is read: CORS for the configured Temporal UI
 * origins (with credentials), then the operator check.
 */
export function codecGuard({ config }: ApiDeps): Middleware {
  const allowedOrigins = new Set(config.codecServer.corsOrigins);
  const withCors = cors({
    origin: (ctx) => (allowedOrigins.has(ctx.get('origin')) ? ctx.get('origin') : ''),
    credentials: true,
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Namespace'],
    maxAge: 600,
  });
  return async (ctx, next) => {
    if (!ctx.path.startsWith(CODEC_PATH_PREFIX)) {
      await next();
      return;
    }
    await withCors(ctx, async () => {
      // A CORS preflight carries no credentials; the router answers it.
      if (ctx.method !== 'OPTIONS') ctx.state.operator = await authorizeOperator(ctx, config.adminJwt);
      await next();
    });
  };
}

export function codecRoutes({ temporal, logger }: ApiDeps) {
  // The Temporal client's own codecs: what the codec server decodes is exactly what the service encodes.
  const codecs = temporal.options.loadedDataConverter.payloadCodecs;
  const steps = {
    encode: codecs.map((codec) => (payloads: Payload[]) => codec.encode(payloads)),
    decode: [...codecs].reverse().map((codec) => (payloads: Payload[]) => codec.decode(payloads)),
  };

  const codecRoute = (direction: 'encode' | 'decode') =>
    defineRoute({
      method: 'post',
      path: `${CODEC_PATH_PREFIX}${direction}`,
      operationId: `codec${direction[0]!.toUpperCase()}${direction.slice(1)}`,
      summary: `Temporal codec server: ${direction} payloads (operators only)`,
      description:
        "Temporal's codec server protocol for the Temporal UI and CLI. Needs an operator token (`Authorization: Bearer …` or `Basic` with the token as password); an organization's API key or admin JWT is refused.",
      tags: ['Operators'],
      auth: 'public',
      request: { body: CodecPayloads },
      responses: {
        200: { description: `The payloads, ${direction}d`, schema: CodecPayloads },
        400: { description: 'Invalid body, or a payload that cannot be decoded with the configured keys' },
        401: { description: 'No valid operator token' },
        403: { description: "An organization's credentials" },
      },
      async handle({ ctx, body }) {
        const payloads = await Promise.all(
          body.payloads.map(async (json, index) => {
            try {
              let payload = [fromJson(json)];
              for (const step of steps[direction]) payload = await step(payload);
              return toJson(payload[0]!);
            } catch {
              throw badRequest(`Payload ${index} cannot be ${direction}d`, [
                { in: 'request body', path: `payloads.${index}`, message: `cannot be ${direction}d with SECRETS_KEYS` },
              ]);
            }
          }),
        );
        logger.info(
          {
            operator: operatorOf(ctx).subject,
            namespace: ctx.get('x-namespace'),
            count: payloads.length,
          },
          `codec ${direction}`,
        );
        return { status: 200, body: { payloads } };
      },
    });

  /** Where a browser signs in (the Basic challenge) before the Temporal UI sends its credentialed requests. */
  const sessionRoute = defineRoute({
    method: 'get',
    path: `${CODEC_PATH_PREFIX}session`,
    operationId: 'codecSession',
    summary: 'Temporal codec server: the operator signed in (sign-in page for the Temporal UI)',
    tags: ['Operators'],
    auth: 'public',
    responses: {
      200: { description: 'The operator', schema: z.object({ operator: z.string() }) },
      401: { description: 'No valid operator token' },
    },
    handle: ({ ctx }) => Promise.resolve({ status: 200, body: { operator: operatorOf(ctx).subject } }),
  });

  return [codecRoute('decode'), codecRoute('encode'), sessionRoute];
}
