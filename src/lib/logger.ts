import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets never reach a log line: credentials in headers and any field named like a key or secret. */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  '*.apiKey',
  '*.api_key',
  '*.secret',
  '*.hookSecret',
  '*.hook_secret',
];

/** JSON lines in production; readable lines when a developer watches a terminal. */
export function createLogger(level: string, name: string, pretty = false): Logger {
  return pino({
    name,
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  });
}
