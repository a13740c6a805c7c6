/**
 * `npm run hook-receiver`: a channel integration's outbound hook for local trials. Prints every
 * `message.send` the service posts and checks its Standard Webhooks signature when
 * HOOK_SECRET (the `hook_secret` from account creation) is set.
 *
 *   HOOK_SECRET=whsec_… npm run hook-receiver     # listens on http://127.0.0.1:4000/hook
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const port = Number(process.env.HOOK_PORT ?? 4000);
const secret = process.env.HOOK_SECRET;
let count = 0;

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let signature = 'not checked (set HOOK_SECRET)';
    if (secret) {
      try {
        new Webhook(secret).verify(raw, req.headers as Record<string, string>);
        signature = 'valid';
      } catch (error) {
        signature = `INVALID (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    count += 1;
    console.log(
      `\n#${count} ${req.method} ${req.url}  signature: ${signature}  idempotency-key: ${String(req.headers['idempotency-key'])}`,
    );
    console.log(JSON.stringify(JSON.parse(raw || 'null'), null, 2));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message_id: `local-${count}` }));
  });
}).listen(port, '127.0.0.1', () => console.log(`hook receiver listening on http://127.0.0.1:${port}/hook`));
