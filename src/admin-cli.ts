/**
 * Operator commands that must work before any API key exists.
 *
 *   npm run admin -- create-org --name "Acme"     first organization + its admin API key
 *   npm run admin -- generate-secrets-key         a fresh SECRETS_KEYS value
 *   npm run admin -- reseal-secrets               re-seal every stored secret with the first SECRETS_KEYS key
 *   npm run admin -- register-search-attributes   the workflow's search attributes on TEMPORAL_ADDRESS
 *   npm run admin -- issue-admin-jwt --org <id> --sub <who> [--name N] [--email E] [--ttl 12h]
 *                                                 an admin JWT signed with ADMIN_JWT_SECRET
 *   npm run admin -- issue-operator-token --sub <who> [--ttl 12h]
 *                                                 a service-wide operator token (the Temporal codec endpoints)
 *
 * Reads MONGODB_URI / MONGODB_DB / TEMPORAL_* like the service (defaults: the local stack).
 */
import { Connection } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { registerSearchAttributes } from './engine/search-attributes-admin.js';
import { signAdminJwt, signOperatorJwt } from './lib/admin-jwt.js';
import { SecretBox } from './lib/secret-box.js';
import { temporalConnectionOptions } from './lib/temporal-transport.js';
import { connectDatabase, ensureIndexes } from './store/database.js';
import { resealSecrets } from './store/sealed-secrets.js';
import { createOrganization } from './usecases/api-keys.js';

const usage = `usage:
  npm run admin -- create-org --name <name>
  npm run admin -- generate-secrets-key [--key-id <id>]
  npm run admin -- reseal-secrets
  npm run admin -- register-search-attributes
  npm run admin -- issue-admin-jwt --org <organizationId> --sub <who> [--name <name>] [--email <email>] [--ttl 12h]
  npm run admin -- issue-operator-token --sub <who> [--ttl 12h]`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'key-id': { type: 'string' },
      org: { type: 'string' },
      sub: { type: 'string' },
      email: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  switch (positionals[0]) {
    case 'create-org': {
      const name = values.name?.trim();
      if (!name) {
        console.error(usage);
        return 2;
      }
      const config = loadConfig();
      const database = await connectDatabase(config.mongo.uri, config.mongo.dbName);
      try {
        await ensureIndexes(database, config.mongo);
        const { organizationId, adminKey } = await createOrganization(database.collections, { name });
        console.log(`organization  ${organizationId}  (${name})`);
        console.log(`admin API key ${adminKey.key}`);
        console.log('Store the key now: only its hash is kept. Send it as X-API-Key.');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'generate-secrets-key':
      console.log(
        SecretBox.generateKeySpec(values['key-id'] ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`),
      );
      return 0;
    case 'reseal-secrets': {
      // After prepending a key to SECRETS_KEYS (and once after upgrading to location-bound secrets);
      // the older key can leave SECRETS_KEYS once this has run. Idempotent.
      const config = loadConfig();
      const secretBox = new SecretBox(config.secretsKeys);
      const database = await connectDatabase(config.mongo.uri, config.mongo.dbName);
      try {
        const counts = await resealSecrets(database.db, secretBox);
        for (const { collection, field, found, resealed } of counts) {
          console.log(`${`${collection}.${field}`.padEnd(50)} found ${found}  resealed ${resealed}`);
        }
        const total = (key: 'found' | 'resealed') => counts.reduce((sum, count) => sum + count[key], 0);
        console.log(`${'total'.padEnd(50)} found ${total('found')}  resealed ${total('resealed')}`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'register-search-attributes': {
      const config = loadConfig();
      const connection = await Connection.connect(temporalConnectionOptions(config.temporal));
      try {
        const added = await registerSearchAttributes(connection, config.temporal.namespace);
        console.log(added.length ? `registered: ${added.join(', ')}` : 'search attributes already registered');
      } finally {
        await connection.close();
      }
      return 0;
    }
    case 'issue-admin-jwt': {
      const { adminJwt } = loadConfig();
      if (!values.org || !values.sub) {
        console.error(usage);
        return 2;
      }
      if (!adminJwt.secret) throw new Error('ADMIN_JWT_SECRET is not set');
      const identity = { organizationId: values.org, subject: values.sub, name: values.name, email: values.email };
      console.log(await signAdminJwt(identity, { ...adminJwt, secret: adminJwt.secret }, values.ttl ?? '12h'));
      return 0;
    }
    case 'issue-operator-token': {
      const { adminJwt } = loadConfig();
      if (!values.sub) {
        console.error(usage);
        return 2;
      }
      if (!adminJwt.secret) throw new Error('ADMIN_JWT_SECRET is not set');
      console.log(await signOperatorJwt(values.sub, { ...adminJwt, secret: adminJwt.secret }, values.ttl ?? '12h'));
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
