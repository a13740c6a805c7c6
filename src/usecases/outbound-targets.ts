import { badRequest } from '../domain/errors.js';
import { checkHookUrl } from '../lib/outbound-http.js';

/**
 * Validates an outbound target (hook, webhook, provider URL) when it is configured, as a 400 naming
 * the body field. The check that counts runs again when connecting (see `outboundFetch`).
 */
export async function assertOutboundTarget(raw: string, allowPrivateNetwork: boolean, field: string): Promise<void> {
  const problem = await checkHookUrl(raw, allowPrivateNetwork);
  if (problem) throw badRequest('Invalid request body', [{ in: 'request body', path: field, message: problem }]);
}
