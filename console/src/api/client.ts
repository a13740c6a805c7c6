/**
 * The console's only way to the API: an openapi-fetch client typed by schema.d.ts (generated from
 * the service's OpenAPI document), sending the signed-in credential with every request.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Scope = Schemas['Me']['scopes'][number];

let credential: string | null = null;

/** The credential (API key, account token or admin JWT) sent as `Authorization: Bearer`; memory only. */
export function setCredential(value: string | null): void {
  credential = value;
}

let credentialRejected: ((error: ApiError) => void) | null = null;

/** Called when the API refuses the credential in use (a revoked key, an expired JWT): the session ends. */
export function onCredentialRejected(callback: (error: ApiError) => void): void {
  credentialRejected = callback;
}

/** Same origin: the service serves the console, so paths are the API's own. */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use({
  onRequest({ request }) {
    if (credential) request.headers.set('authorization', `Bearer ${credential}`);
    return request;
  },
});

/** A failed call, in words: the API's message (whatever its surface's error body), and its details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

type Detail = { path?: unknown; message?: unknown };

const detailText = (detail: Detail) =>
  typeof detail.message === 'string'
    ? [typeof detail.path === 'string' && detail.path ? detail.path : null, detail.message].filter(Boolean).join(': ')
    : null;

/**
 * The message of an error body. Each API surface documents its own: `{ error: { message, details } }`
 * (/v1), `{ error: "…" }`, `{ message: "…" | [...] }`, `{ success: false, error, message }`.
 */
export function errorFromBody(status: number, body: unknown): ApiError {
  const fallback = `The service answered ${status}`;
  if (!body || typeof body !== 'object')
    return new ApiError(status, typeof body === 'string' && body ? body : fallback);
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (error && typeof error === 'object') {
    const nested = error as { message?: unknown; details?: unknown };
    const details = Array.isArray(nested.details) ? (nested.details as Detail[]).map(detailText) : [];
    return new ApiError(
      status,
      typeof nested.message === 'string' ? nested.message : fallback,
      details.filter((d): d is string => d !== null),
    );
  }
  if (Array.isArray(message)) return new ApiError(status, message.map(String).join('; '));
  if (typeof message === 'string') return new ApiError(status, message);
  if (typeof error === 'string') return new ApiError(status, error);
  return new ApiError(status, fallback);
}

/** The data of a successful call; a failed one throws an ApiError. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch (error) {
    throw new ApiError(
      0,
      `The service cannot be reached (${(error as Error).message}). Check the connection and retry.`,
    );
  }
  if (!result.response.ok) {
    const error = errorFromBody(result.response.status, result.error);
    if (error.status === 401 && credential) credentialRejected?.(error);
    throw error;
  }
  return result.data as T;
}
