import type { ApiDeps } from '../deps.js';
import { z } from '../openapi-zod.js';
import { defineRoute } from '../route.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

export function systemRoutes({ database, temporal, logger }: ApiDeps) {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      operationId: 'health',
      summary: 'Liveness: the process answers',
      tags: ['System'],
      auth: 'public',
      responses: { 200: { description: 'Alive', schema: Health } },
      handle: () => Promise.resolve({ status: 200, body: { status: 'ok' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/ready',
      operationId: 'ready',
      summary: 'Readiness: MongoDB and Temporal both answer',
      tags: ['System'],
      auth: 'public',
      responses: {
        200: { description: 'Ready to take traffic', schema: Health },
        503: { description: 'A dependency is down', schema: Health },
      },
      async handle() {
        // The driver's message names hosts, ports and users: it goes to the service's log, not to the public answer.
        const probe = async (dependency: string, check: () => Promise<unknown>) => {
          try {
            await check();
            return 'ok';
          } catch (error) {
            logger.warn({ err: error, dependency }, 'readiness check failed');
            return 'unavailable';
          }
        };
        const [mongodb, temporalCheck] = await Promise.all([
          probe('mongodb', () => database.db.command({ ping: 1 }, { timeoutMS: 3_000 })),
          probe('temporal', () =>
            temporal.connection.withDeadline(Date.now() + 3_000, () => temporal.workflowService.getSystemInfo({})),
          ),
        ]);
        const ok = mongodb === 'ok' && temporalCheck === 'ok';
        return {
          status: ok ? 200 : 503,
          body: { status: ok ? 'ok' : 'unavailable', checks: { mongodb, temporal: temporalCheck } },
        };
      },
    }),
  ];
}
