/**
 * A failure the caller caused or must know about, raised anywhere below the API (use cases,
 * validation) and rendered by the error middleware in each API surface's documented shape:
 * an HTTP status, a stable machine code, a human message, optional details.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ServiceError(400, 'validation_error', message, details);
export const unauthorized = (message = 'Missing or invalid credentials') =>
  new ServiceError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ServiceError(403, 'forbidden', message);
export const notFound = (what: string) => new ServiceError(404, 'not_found', `${what} not found`);

/** Well-formed input that does not fit what is stored (an unknown knowledge base, a second primary agent). */
export const unprocessable = (path: string, message: string) =>
  new ServiceError(422, 'unprocessable_entity', `${path} ${message}`, [{ in: 'request body', path, message }]);
export const conflict = (message: string) => new ServiceError(409, 'conflict', message);
