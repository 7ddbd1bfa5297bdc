import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsolatedStack, startIsolatedStack, tokenFor } from '@motcua/testing';
import { schemathesisPython } from './fuzz/schemathesis';

const repoRoot = join(__dirname, '..');
const SERVICES = [
  'intake',
  'digitization',
  'esignature',
  'data-sharing',
  'population-registry-stub',
  'metrics',
];
/** The services whose documents carry examples: all six. */
const SERVICES_WITH_EXAMPLES = SERVICES;
/** `npm run openapi` sets it: the documents the services serve are written to openapi/ instead of compared. */
const WRITE = process.env.MOTCUA_OPENAPI_WRITE === '1';
const CONFORMANCE_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'response_headers_conformance',
].join(',');

const documentPath = (service: string) => join(repoRoot, 'openapi', `${service}.json`);
const serialize = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

interface Report {
  exit_code: number;
  operations: { selected: number; tested: number };
  test_cases: { generated: number };
  failures: unknown[];
  errors: unknown[];
}

/**
 * The committed openapi/<service>.json is what the service serves at /docs-json (stale otherwise: `npm run
 * openapi`), and every documented example, sent to the running service, gets a response the document describes
 * (status, content type, schema, headers).
 */
describe('OpenAPI documents of the six services', () => {
  let system: IsolatedStack;
  let token: string;
  let reports: string;
  let python: string;

  beforeAll(async () => {
    python = schemathesisPython();
    reports = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
    system = await startIsolatedStack('openapi', 4600);
    token = await tokenFor(
      system.infra,
      ['clerk', 'officer', 'citizen_portal', 'auditor', 'admin'],
      '*',
      'openapi-examples',
      // A citizen_portal token must name its citizen; without one every example met a 401 and no 2xx was checked.
      '001085012345',
    );
  });

  afterAll(async () => {
    await system?.stop();
    if (reports) rmSync(reports, { recursive: true, force: true });
  });

  it.each(SERVICES)('%s: the committed document is the served one', async (service) => {
    const served = serialize(await (await fetch(`${system.stack.url(service)}/docs-json`)).json());
    if (WRITE) {
      mkdirSync(join(repoRoot, 'openapi'), { recursive: true });
      writeFileSync(documentPath(service), served);
    }
    const committed = readFileSync(documentPath(service), 'utf8');
    if (committed !== served) throw new Error(`openapi/${service}.json is stale: run \`npm run openapi\``);
    expect(JSON.parse(committed)).toMatchObject({ openapi: '3.1.0' });
  });

  it.each(SERVICES_WITH_EXAMPLES)(
    '%s: each documented example gets a documented response',
    async (service) => {
      const reportPath = join(reports, `${service}.json`);
      const extra =
        service === 'population-registry-stub'
          ? [
              '--header',
              'X-Requester: openapi',
              '--header',
              'X-Purpose: OPENAPI-0001',
              // The stub's fault switch answers 503 by design once on.
              '--exclude-operation-id',
              'FaultsController_update',
            ]
          : [];
      const child = spawn(
        python,
        [
          '-m',
          'schemathesis.cli',
          'run',
          `${system.stack.url(service)}/docs-json`,
          '--checks',
          CONFORMANCE_CHECKS,
          '--phases',
          'examples',
          '--max-examples',
          '5',
          '--seed',
          '18',
          '--no-color',
          '--request-timeout',
          '20',
          '--generation-database',
          'none',
          '--header',
          `Authorization: Bearer ${token}`,
          ...extra,
          '--report',
          'json',
          '--report-json-path',
          reportPath,
        ],
        { cwd: reports, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      await new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
      });
      let report: Report;
      try {
        report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
      } catch {
        throw new Error(`schemathesis wrote no report for ${service}:\n${output}`);
      }
      if (report.failures.length || report.errors.length || report.exit_code !== 0)
        throw new Error(
          `responses of ${service} that its document does not describe:\n${output.slice(-20_000)}`,
        );
      expect(report.test_cases.generated).toBeGreaterThan(0);
    },
  );
});
