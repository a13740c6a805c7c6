export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Another `X-API-Key`, or `null` for none. */
  key?: string | null;
  /** An `Authorization: Bearer` token instead of the key. */
  bearer?: string;
  rawBody?: string;
  /** More headers (e.g. seed 004's `Version`). */
  headers?: Record<string, string>;
}

/** JSON requests to the API at `baseUrl`, with `defaultKey` as `X-API-Key` unless told otherwise. */
export function apiClient(baseUrl: string, defaultKey: string) {
  return async function request(method: string, path: string, options: RequestOptions = {}): Promise<ApiAnswer> {
    const key = options.bearer ? null : options.key === undefined ? defaultKey : options.key;
    const response = await fetch(`${baseUrl}${path}`, {
      // fetch upper-cases only the common methods; PATCH must be sent as written.
      method: method.toUpperCase(),
      headers: {
        'content-type': 'application/json',
        ...(key ? { 'x-api-key': key } : {}),
        ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
        ...options.headers,
      },
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body };
  };
}
