import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  postgresUrl,
  provisionServiceDatabase,
  ServiceDatabaseRoles,
  serviceRoles,
} from '@motcua/persistence';
import type { DevelopmentCa } from './development-ca';
import { InfraEnv, REPO_ROOT } from './infra-env';
import { STACK_SERVICES, StackService } from './stack-services';

export interface StackOptions {
  infra: InfraEnv;
  /** Ports are base + 1..6 (3001-3006 by default). */
  portBase?: number;
  /** Prefix of schemas and roles, e.g. `e2e_ab12_` (empty for the normal local stack). */
  schemaPrefix?: string;
  topicPrefix?: string;
  bucket?: string;
  logLevel?: string;
  /** Extra environment per service name. */
  extraEnv?: Record<string, Record<string, string>>;
  /** Run only these services (benchmarks); default: all six. */
  only?: string[];
  /** Where a service's output lines go; default: stdout with a `[name]` prefix. */
  onOutput?: (service: string, line: string) => void;
  /** The development form-signing CA: intake signs the forms with it, esignature pins it and its CRL. */
  formSigningCa?: DevelopmentCa;
}

export interface RunningService {
  service: StackService;
  url: string;
  process: ChildProcess;
}

export interface RunningStack {
  services: RunningService[];
  url(name: string): string;
  stop(): Promise<void>;
}

/** Connection strings of a schema's two roles on the local infrastructure. */
export function databaseUrlsFor(
  infra: InfraEnv,
  roles: ServiceDatabaseRoles,
): { app: string; owner: string } {
  const url = (user: string) =>
    postgresUrl({
      host: infra.pgHost,
      port: infra.pgPort,
      database: infra.pgDatabase,
      user,
      password: roles.password,
    });
  return { app: url(roles.appRole), owner: url(roles.ownerRole) };
}

export function servicePort(service: StackService, options: StackOptions): number {
  return (options.portBase ?? 3000) + service.portOffset;
}

/** The environment one service process runs with in this stack. */
export function stackServiceEnv(service: StackService, options: StackOptions): Record<string, string> {
  const { infra } = options;
  const env: Record<string, string> = {
    PORT: String(servicePort(service, options)),
    HOST: '127.0.0.1',
    LOG_LEVEL: options.logLevel ?? 'info',
  };
  if (service.schema) {
    const roles = serviceRoles(`${options.schemaPrefix ?? ''}${service.schema}`, infra.pgAppPassword);
    const urls = databaseUrlsFor(infra, roles);
    Object.assign(env, {
      DATABASE_URL: urls.app,
      DATABASE_MIGRATION_URL: urls.owner,
      DATABASE_SCHEMA: roles.schema,
      KAFKA_BROKERS: infra.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: options.topicPrefix ?? '',
      AUTH_JWT_PUBLIC_KEY: infra.jwtPublicKeyPem,
      AUTH_JWT_ISSUER: infra.jwtIssuer,
    });
  }
  if (service.usesObjectStorage) {
    Object.assign(env, {
      S3_ENDPOINT: infra.s3Endpoint,
      S3_REGION: infra.s3Region,
      S3_ACCESS_KEY: infra.s3AccessKey,
      S3_SECRET_KEY: infra.s3SecretKey,
      ...(options.bucket ? { S3_BUCKET: options.bucket } : {}),
    });
  }
  if (service.usesRegistry) {
    const registry = STACK_SERVICES.find((s) => s.name === 'population-registry-stub')!;
    env.REGISTRY_URL = `http://127.0.0.1:${servicePort(registry, options)}`;
  }
  if (service.usesIntake) {
    const intake = STACK_SERVICES.find((s) => s.name === 'intake')!;
    env.INTAKE_URL = `http://127.0.0.1:${servicePort(intake, options)}`;
  }
  if (options.formSigningCa && service.name === 'intake') {
    env.FORM_SIGNING_DEV_CA_DIR = options.formSigningCa.dir;
  }
  if (options.formSigningCa && service.name === 'esignature') env.TRUST_DIR = options.formSigningCa.trustDir;
  return { ...env, ...(options.extraEnv?.[service.name] ?? {}) };
}

function selected(options: StackOptions): readonly StackService[] {
  return options.only ? STACK_SERVICES.filter((s) => options.only!.includes(s.name)) : STACK_SERVICES;
}

function distEntry(service: StackService, entry: 'main' | 'migrate'): string {
  return join(REPO_ROOT, 'services', service.name, 'dist', `${entry}.js`);
}

function pipeLines(child: ChildProcess, name: string, options: StackOptions) {
  const out = options.onOutput ?? ((service, line) => process.stdout.write(`[${service}] ${line}\n`));
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => out(name, line));
  }
}

function runToCompletion(
  command: string,
  args: string[],
  env: Record<string, string>,
  name: string,
  options: StackOptions,
) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    pipeLines(child, name, options);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${name} exited with code ${code}`)),
    );
  });
}

/** Creates each service's schema and roles (idempotent) and applies its committed migrations. */
export async function prepareStack(options: StackOptions): Promise<void> {
  for (const service of selected(options).filter((s) => s.schema)) {
    const env = stackServiceEnv(service, options);
    await provisionServiceDatabase(
      options.infra.pgAdminUrl,
      serviceRoles(env.DATABASE_SCHEMA, options.infra.pgAppPassword),
    );
    await runToCompletion(
      process.execPath,
      [distEntry(service, 'migrate')],
      env,
      `${service.name}:migrate`,
      options,
    );
  }
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url} exited with code ${child.exitCode} before becoming ready`);
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      // `degraded` (e.g. consumers still joining) serves HTTP but is not yet the whole service.
      if (response.status === 200 && ((await response.json()) as { status?: string }).status === 'up') return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}/health/ready did not answer 200 within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts all six services from their built `dist/` and waits until every /health/ready answers 200. */
export async function startStack(options: StackOptions, readyTimeoutMs = 90_000): Promise<RunningStack> {
  const services: RunningService[] = selected(options).map((service) => {
    // kafkajs 2.2.4 schedules timers with negative delays on Node 24; harmless, but noisy.
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', distEntry(service, 'main')],
      {
        env: { ...process.env, ...stackServiceEnv(service, options) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    pipeLines(child, service.name, options);
    return { service, url: `http://127.0.0.1:${servicePort(service, options)}`, process: child };
  });
  const stop = async () => {
    await Promise.all(services.map((s) => stopProcess(s.process)));
  };
  try {
    await Promise.all(services.map((s) => waitUntilReady(s.url, s.process, readyTimeoutMs)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    services,
    url: (name) => {
      const found = services.find((s) => s.service.name === name);
      if (!found) throw new Error(`no service ${name} in the stack`);
      return found.url;
    },
    stop,
  };
}
