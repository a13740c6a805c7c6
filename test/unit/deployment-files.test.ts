/**
 * The Docker files cannot run here (no Docker), so they are checked as data: docker-compose.yml
 * parses, pins every image, runs MongoDB with authentication and the current Temporal images, gives
 * the API and the worker healthchecks and stop timeouts longer than their shutdown grace, sets only
 * variables the service knows (with values it accepts), and agrees with the README's Deployment section.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentVariableNames, loadConfig } from '../../src/config.js';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string | number>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  volumes?: (string | object)[];
  entrypoint?: string[];
  command?: string[];
}
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

/** `${NAME:-default}` → default, `${NAME:?message}` / `${NAME}` → a stand-in value, as Compose would interpolate. */
const interpolate = (value: string | number) =>
  String(value).replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_, name: string, fallback?: string) =>
    fallback !== undefined ? fallback : `${name.toLowerCase()}-value`,
  );
const seconds = (duration: string) => Number(/^(\d+)s$/.exec(duration)?.[1]);

describe('deployment files', () => {
  it('pins every image and uses the current ones: Node LTS, mongo 8, temporalio/server + admin-tools + ui', () => {
    const images = Object.values(services)
      .filter((service) => !service.build)
      .map((service) => service.image!);
    for (const image of images) expect(image, image).toMatch(/^[\w./-]+:\d+(\.\d+)+$/);
    expect(images).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^mongo:8\./),
        expect.stringMatching(/^temporalio\/server:/),
        expect.stringMatching(/^temporalio\/admin-tools:/),
        expect.stringMatching(/^temporalio\/ui:/),
      ]),
    );
    expect(images.join(' ')).not.toContain('auto-setup');
    const nodeImages = [...read('Dockerfile').matchAll(/^FROM node:(\d+)\.\d+\.\d+-[\w-]+/gm)].map((m) => Number(m[1]));
    expect(nodeImages.length).toBe(2);
    for (const major of nodeImages) expect([22, 24]).toContain(major);
  });

  it('runs MongoDB with authentication, and the service connects as its own user', () => {
    expect(services.mongo!.environment).toMatchObject({
      MONGO_INITDB_ROOT_USERNAME: expect.any(String),
      MONGO_INITDB_ROOT_PASSWORD: expect.stringContaining(':?'),
    });
    expect(services.mongo!.volumes).toContain(
      './deploy/mongo/create-app-user.js:/docker-entrypoint-initdb.d/create-app-user.js:ro',
    );
    expect(services.api!.environment!.MONGODB_URI).toMatch(/^mongodb:\/\/convo_pilot:\$\{MONGO_APP_PASSWORD:\?/);
  });

  it('mounts only files that exist', () => {
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        if (typeof volume !== 'string' || !volume.startsWith('./')) continue;
        expect(() => read(volume.split(':')[0]!), volume).not.toThrow();
      }
    }
  });

  it('gives the API and the worker healthchecks and stop timeouts longer than their shutdown grace', () => {
    const { api, worker } = services;
    const apiConfig = loadConfig(
      Object.fromEntries(Object.entries(api!.environment!).map(([k, v]) => [k, interpolate(v)])),
    );
    const workerConfig = loadConfig(
      Object.fromEntries(Object.entries(worker!.environment!).map(([k, v]) => [k, interpolate(v)])),
    );
    expect(api!.healthcheck!.test.join(' ')).toContain('/ready');
    expect(worker!.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${workerConfig.worker.healthPort}/health`);
    expect(seconds(api!.stop_grace_period!) * 1000).toBeGreaterThan(apiConfig.http.shutdownGraceMs);
    expect(seconds(worker!.stop_grace_period!) * 1000).toBeGreaterThan(workerConfig.worker.shutdownGraceMs);
  });

  it('sets only variables the service reads, with values it accepts', () => {
    for (const name of ['api', 'worker', 'setup', 'admin']) {
      const environment = services[name]!.environment!;
      const unknown = Object.keys(environment).filter((key) => !environmentVariableNames.includes(key));
      expect(unknown, name).toEqual([]);
      expect(() =>
        loadConfig(Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, interpolate(value)]))),
      ).not.toThrow();
    }
  });

  it('agrees with the README’s Deployment section', () => {
    const readme = read('README.md');
    const deployment = readme.slice(readme.indexOf('## Deployment'));
    const version = (image: string) =>
      Object.values(services)
        .map((service) => service.image ?? '')
        .find((candidate) => candidate.startsWith(`${image}:`))!
        .split(':')[1]!;
    expect(deployment).toContain(`MongoDB ${version('mongo')}`);
    expect(deployment).toContain(`Temporal ${version('temporalio/server')}`);
    const node = /^FROM node:([\d.]+)/m.exec(read('Dockerfile'))![1]!;
    expect(deployment).toContain(`Node.js ${node}`);
    for (const variable of ['SECRETS_KEYS', 'MONGO_ROOT_PASSWORD', 'MONGO_APP_PASSWORD', 'TEMPORAL_DB_PASSWORD']) {
      expect(deployment, variable).toContain(variable);
    }
  });
});
