/**
 * Fuzzes the served OpenAPI document with schemathesis (PyPI: `pip install schemathesis`, 4.x), as
 * the service runs in production (API and worker processes on a fresh local stack), with an
 * organization's admin API key and a channel account whose id seeds the account routes.
 *
 *   npm run fuzz                       # FUZZ_MAX_EXAMPLES=50 per operation, all checks
 *   npm run fuzz -- --include-path-regex '^/conversation-ai'   # extra arguments go to `st run`
 *
 * Exits with schemathesis' status: 0 when no check failed. The JUnit report is written to
 * .state/fuzz/junit.xml.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { printMachine, setting, startBenchService } from '../bench/support.js';

const schemathesis = process.env.SCHEMATHESIS ?? 'st';
if (spawnSync(schemathesis, ['--version']).status !== 0) {
  console.error(`schemathesis not found (${schemathesis}): pip install 'schemathesis>=4,<5', or set SCHEMATHESIS`);
  process.exit(2);
}
printMachine();
const reportDir = resolve(import.meta.dirname, '..', '.state', 'fuzz');
mkdirSync(reportDir, { recursive: true });
const service = await startBenchService();
let status = 1;
try {
  // The account's real id in every `accountId`, so those routes get past the 404 to their logic.
  const configFile = join(reportDir, 'schemathesis.toml');
  writeFileSync(configFile, `[parameters]\n"path.accountId" = "${service.accountId}"\n`);
  const args = [
    '--config-file',
    configFile,
    'run',
    `${service.apiUrl}/openapi.json`,
    '--header',
    `X-API-Key: ${service.adminKey}`,
    '--checks',
    'all',
    '--max-examples',
    String(setting('FUZZ_MAX_EXAMPLES', 50)),
    '--workers',
    '2',
    '--seed',
    String(setting('FUZZ_SEED', 20261123)),
    '--report',
    'junit',
    '--report-junit-path',
    join(reportDir, 'junit.xml'),
    ...process.argv.slice(2),
  ];
  console.log(`${schemathesis} ${args.join(' ').replace(service.adminKey, '<admin key>')}\n`);
  // Run in .state/fuzz: schemathesis keeps its example database in the working directory.
  const child = spawn(schemathesis, args, { stdio: 'inherit', cwd: reportDir });
  status = await new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  const failures = service.api
    .output()
    .split('\n')
    .filter((line) => line.includes('"level":50'));
  console.log(`\nAPI errors logged (level 50): ${failures.length}`);
  for (const line of failures.slice(0, 5)) console.log(line.slice(0, 600));
} finally {
  await service.stop();
}
process.exit(status);
