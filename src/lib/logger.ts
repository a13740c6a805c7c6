import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Secrets never reach a log line: credentials in headers and any field named like a key or secret. */
const secretFields = ['apiKey', 'api_key', 'secret', 'hookSecret', 'hook_secret', 'account_token', 'accountToken'];
const redactedPaths = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  ...secretFields,
  ...secretFields.map((field) => `*.${field}`),
];

/** JSON lines in production; readable lines when a developer watches a terminal. */
export function createLogger(level: string, name: string, pretty = false, destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
