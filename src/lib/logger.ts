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

export function createLogger(level: string, name: string): Logger {
  return pino({ name, level, redact: { paths: redactedPaths, censor: '[redacted]' } });
}
