import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { InfraEnv, loadInfraEnv, REPO_ROOT } from '@motcua/dev-stack';
import { postgresUrl } from '@motcua/persistence';

/**
 * PostgreSQL, Kafka and S3Proxy of a test's own (own data directories and ports), so that a fault suite can kill -9
 * them without touching the shared infrastructure other test files run on. The processes are started the way
 * infra/local/up.sh starts them, reusing its cached Kafka/S3Proxy class paths (`.local/{kafka,s3}/classpath.txt`).
 */
export interface PrivateInfra {
  env: InfraEnv;
  dir: string;
  kill(component: InfraComponent): void;
  start(component: InfraComponent): Promise<void>;
  stop(): Promise<void>;
}

export type InfraComponent = 'postgres' | 'kafka' | 's3';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const PG_OS_USER = 'postgres';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await probe().catch((error: Error) => {
      if (/exited with/.test(error.message)) throw error;
      return false;
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms`);
}

/** As root, the cluster belongs to the postgres OS user (initdb refuses root). */
function asPg(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', PG_OS_USER, '--', command, ...args]] : [command, args];
}

export async function startPrivateInfra(label: string, basePort: number): Promise<PrivateInfra> {
  const shared = loadInfraEnv();
  const dir = mkdtempSync(join(tmpdir(), `motcua-${label}-`));
  chmodSync(dir, 0o755);
  const ports = { pg: basePort, kafka: basePort + 1, controller: basePort + 2, s3: basePort + 3 };
  for (const port of Object.values(ports)) {
    if (await portOpen(port)) throw new Error(`port ${port} is taken: set MOTCUA_TEST_PORT_OFFSET`);
  }
  const secret = randomBytes(12).toString('hex');
  const env: InfraEnv = {
    ...shared,
    pgHost: '127.0.0.1',
    pgPort: ports.pg,
    pgDatabase: 'motcua',
    pgAdminUrl: postgresUrl({
      host: '127.0.0.1',
      port: String(ports.pg),
      database: 'motcua',
      user: 'motcua',
      password: secret,
    }),
    pgAppPassword: `app${secret}`,
    kafkaBrokers: `127.0.0.1:${ports.kafka}`,
    s3Endpoint: `http://127.0.0.1:${ports.s3}`,
    s3Region: 'us-east-1',
    s3AccessKey: `key${secret.slice(0, 10)}`,
    s3SecretKey: `secret${secret}`,
  };
  const processes = new Map<InfraComponent, ChildProcess>();
  const log = (name: string) => openSync(join(dir, `${name}.log`), 'a');

  // PostgreSQL: fsync off is safe against kill -9 of the server (the kernel keeps written pages), not of the machine.
  const pgData = join(dir, 'pg');
  const pgSocketDir = join(dir, 'sock');
  mkdirSync(pgData, { mode: 0o700 });
  mkdirSync(pgSocketDir, { mode: 0o700 });
  const pwFile = join(dir, 'pw');
  writeFileSync(pwFile, `${secret}\n`, { mode: 0o600 });
  if (process.getuid?.() === 0) {
    const { uid, gid } = pgIds();
    chownSync(pgData, uid, gid);
    chownSync(pgSocketDir, uid, gid);
    chownSync(pwFile, uid, gid);
  }
  const [initCmd, initArgs] = asPg(join(PG_BIN, 'initdb'), [
    '-D',
    pgData,
    '-U',
    'motcua',
    `--pwfile=${pwFile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-instructions',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  rmSync(pwFile);

  const kafkaData = join(dir, 'kafka');
  const kafkaConfig = join(dir, 'kafka.properties');
  const template = readFileSync(join(REPO_ROOT, 'infra/local/kafka/server.properties'), 'utf8');
  writeFileSync(
    kafkaConfig,
    template
      .replaceAll('@KAFKA_HOST@', '127.0.0.1')
      .replaceAll('@KAFKA_PORT@', String(ports.kafka))
      .replaceAll('@KAFKA_CONTROLLER_PORT@', String(ports.controller))
      .replaceAll('@KAFKA_LOG_DIRS@', kafkaData),
  );
  const classpath = (name: string) => {
    const file = join(REPO_ROOT, `.local/${name}/classpath.txt`);
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run infra:up once`);
    return readFileSync(file, 'utf8').trim();
  };
  const kafkaJvm = [
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(REPO_ROOT, 'infra/local/kafka/log4j2.properties')}`,
  ];
  const format = spawnSync(
    'java',
    [
      '-Xmx256m',
      ...kafkaJvm,
      '-cp',
      classpath('kafka'),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      randomBytes(16).toString('base64url').replace(/^-/, 'A'),
      '-c',
      kafkaConfig,
      '--ignore-formatted',
    ],
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr}${format.stdout}`);

  const s3Config = join(dir, 's3proxy.properties');
  mkdirSync(join(dir, 's3'));
  writeFileSync(
    s3Config,
    [
      `s3proxy.endpoint=${env.s3Endpoint}`,
      's3proxy.authorization=aws-v2-or-v4',
      `s3proxy.identity=${env.s3AccessKey}`,
      `s3proxy.credential=${env.s3SecretKey}`,
      'jclouds.provider=filesystem',
      `jclouds.filesystem.basedir=${join(dir, 's3')}`,
      `jclouds.identity=${env.s3AccessKey}`,
      `jclouds.credential=${env.s3SecretKey}`,
      `jclouds.region=${env.s3Region}`,
    ].join('\n'),
    { mode: 0o600 },
  );

  const launch: Record<InfraComponent, () => [string, string[]]> = {
    postgres: () =>
      asPg(join(PG_BIN, 'postgres'), [
        '-D',
        pgData,
        '-c',
        `port=${ports.pg}`,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${pgSocketDir}`,
        '-c',
        'fsync=off',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=64MB',
      ]),
    kafka: () => [
      'java',
      [
        '-Xms128m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        ...kafkaJvm,
        '-cp',
        classpath('kafka'),
        'kafka.Kafka',
        kafkaConfig,
      ],
    ],
    s3: () => [
      'java',
      [
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-Djava.awt.headless=true',
        `-Dlogback.configurationFile=${join(REPO_ROOT, 'infra/local/s3proxy/logback.xml')}`,
        '-cp',
        classpath('s3'),
        'org.gaul.s3proxy.Main',
        '--properties',
        s3Config,
      ],
    ],
  };
  const ready: Record<InfraComponent, () => Promise<boolean>> = {
    postgres: async () => {
      const client = new Client({ connectionString: env.pgAdminUrl.replace(/\/motcua$/, '/postgres') });
      await client.connect();
      await client.end();
      return true;
    },
    kafka: () => portOpen(ports.kafka),
    s3: async () => (await fetch(`${env.s3Endpoint}/`, { signal: AbortSignal.timeout(2000) })).status > 0,
  };

  const start = async (component: InfraComponent) => {
    const [command, args] = launch[component]();
    const fd = log(component);
    // Own process group: kill -9 takes the server and every child (postgres backends) at once.
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    // The test's process must be free to exit whatever happens to these; stop() kills them.
    child.unref();
    processes.set(component, child);
    await until(component, async () => {
      if (child.exitCode !== null) throw new Error(`${component} exited with ${child.exitCode}`);
      return ready[component]();
    });
  };
  const kill = (component: InfraComponent) => {
    const child = processes.get(component);
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    processes.delete(component);
  };

  try {
    await Promise.all((['postgres', 'kafka', 's3'] as const).map(start));
    const admin = new Client({ connectionString: env.pgAdminUrl.replace(/\/motcua$/, '/postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE motcua');
    await admin.end();
  } catch (error) {
    for (const component of processes.keys()) kill(component);
    throw new Error(`${(error as Error).message} (logs in ${dir})`, { cause: error });
  }

  return {
    env,
    dir,
    kill,
    start,
    stop: async () => {
      for (const component of [...processes.keys()]) kill(component);
      await new Promise((resolve) => setTimeout(resolve, 500));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pgIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${PG_OS_USER}:`));
  if (!line) throw new Error(`no ${PG_OS_USER} OS user to run the private PostgreSQL as`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
