// The container side: docker-compose.yml as `docker compose config` loads it (compose-config, built on the
// compose CLI's own loader, since this machine kind has no compose plugin), and the one Dockerfile recipe
// the six services share (infra/docker/service.Dockerfile; sync-dockerfiles.sh --check keeps the copies).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { imageIsPinned } from './manifest-checks';
import { repoRoot, serviceFacts } from './repository-facts';

const services = serviceFacts();
const composeFile = join(repoRoot, 'docker-compose.yml');
const exampleEnv = join(repoRoot, 'infra/docker/compose.env.example');

interface ComposeService {
  image?: string;
  build?: unknown;
  read_only?: boolean;
  cap_drop?: string[];
  security_opt?: string[];
  environment?: Record<string, string | null>;
  ports?: { target: number; host_ip?: string }[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  command?: string[];
}

function composeConfig(envFile: string) {
  const tools = spawnSync(process.execPath, [join(repoRoot, 'infra/test/ensure-tools.mjs'), '--json'], {
    encoding: 'utf8',
  });
  if (tools.status !== 0) throw new Error(`infra/test/ensure-tools.mjs failed:\n${tools.stderr}`);
  const { composeConfigBin } = JSON.parse(tools.stdout) as { composeConfigBin: string };
  return spawnSync(composeConfigBin, [composeFile, envFile], { encoding: 'utf8' });
}

describe('docker-compose.yml', () => {
  let project: { services: Record<string, ComposeService> };

  beforeAll(() => {
    const result = composeConfig(exampleEnv);
    if (result.status !== 0) throw new Error(`docker-compose.yml does not load:\n${result.stderr}`);
    project = JSON.parse(result.stdout);
  }, 300_000);

  it('is valid for `docker compose config` with the example environment', () => {
    expect(Object.keys(project.services)).toEqual(expect.arrayContaining(services.map((s) => s.name)));
  });

  it('stops with a message when a secret is not set, rather than falling back to a value', () => {
    const result = composeConfig('/dev/null');
    expect(result.status).not.toBe(0);
    for (const variable of [
      'POSTGRES_PASSWORD',
      'PG_APP_PASSWORD',
      'PG_OWNER_PASSWORD',
      'MINIO_ROOT_PASSWORD',
    ])
      expect(result.stderr).toContain(`required variable ${variable} is missing a value`);
  });

  it('writes no secret value: each comes from a ${VAR:?} reference', () => {
    const source = parse(readFileSync(composeFile, 'utf8')) as { services: Record<string, ComposeService> };
    const inline: string[] = [];
    for (const [name, service] of Object.entries(source.services)) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        const secretLike =
          /PASSWORD|SECRET|ACCESS_KEY|_URL$/.test(variable) &&
          /postgres:|PASSWORD|KEY/.test(variable + value);
        if (secretLike && !/\$\{[A-Z_]+:\?/.test(String(value))) inline.push(`${name}: ${variable}`);
      }
    }
    expect(inline).toEqual([]);
  });

  it.each(services.map((s) => s.name))(
    'runs %s hardened, healthy, on its port, with its own variables',
    (name) => {
      const facts = services.find((s) => s.name === name)!;
      const service = project.services[name];
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toContain('no-new-privileges:true');
      expect(service.healthcheck?.test?.join(' ')).toContain('/health/ready');
      expect(service.ports?.map((p) => p.target)).toEqual([facts.port]);
      expect(service.ports?.every((p) => p.host_ip === '127.0.0.1')).toBe(true);
      expect(imageIsPinned(service.image ?? '')).toBe(true);
      const unknown = Object.keys(service.environment ?? {}).filter((v) => !facts.configKeys.has(v));
      expect(unknown).toEqual([]);
      if (facts.hasMigrations) {
        expect(service.depends_on?.[`migrate-${name}`]?.condition).toBe('service_completed_successfully');
        expect(project.services[`migrate-${name}`].command).toEqual([
          'node',
          '--enable-source-maps',
          'dist/migrate.js',
        ]);
      }
      if (facts.configKeys.has('REGISTRY_URL')) {
        expect(service.environment?.REGISTRY_URL).toBe('http://population-registry-stub:3005');
      }
    },
  );

  it('pins the infrastructure images', () => {
    const unpinned = Object.entries(project.services)
      .filter(([, s]) => !s.build && !imageIsPinned(s.image ?? ''))
      .map(([name, s]) => `${name}: ${s.image}`);
    expect(unpinned).toEqual([]);
  });
});

describe('infra/docker/service.Dockerfile', () => {
  const dockerfile = readFileSync(join(repoRoot, 'infra/docker/service.Dockerfile'), 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trimStart().startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));
  const runtime = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]));

  it('builds in stages from a pinned Node image and ships only the runtime stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const nodeImage = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1] ?? '';
    expect(nodeImage).toMatch(/^node:24\.\d+\.\d+-\S+-slim$/);
    expect(stages[stages.length - 1]).toMatch(/ AS runtime$/);
    // The runtime takes the production dependencies and the built code, never the build stage's tree.
    expect(
      runtime.filter((l) => l.startsWith('COPY')).every((l) => /--from=(prod-deps|assemble)/.test(l)),
    ).toBe(true);
  });

  it('runs as a numeric non-root user with a health check, nothing written outside /tmp', () => {
    expect(runtime.find((l) => l.startsWith('USER '))).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK '))).toContain('/health/live');
    expect(runtime.filter((l) => l.startsWith('RUN ') || l.startsWith('VOLUME '))).toEqual([]);
  });
});
