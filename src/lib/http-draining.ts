import type { Server } from 'node:http';

/**
 * Graceful stop of an HTTP server for a rolling deploy: stop accepting connections, let the
 * requests in flight finish (at most `graceMs`), then cut whatever is left. Keep-alive connections
 * would otherwise hold `server.close()` open until their idle timeout, so idle ones are closed as
 * soon as their last request is answered.
 */
export async function drainHttpServer(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}
