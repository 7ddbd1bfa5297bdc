import { BaseServiceConfig } from '@motcua/config';
import { ServiceDefinition } from '@motcua/service-runtime';
import { readmeMatrix, walkAuthorizationMatrix } from './authorization-matrix';
import { createTestIsolation } from './isolation';
import { schemaDriftOf, startServiceForTest } from './service-harness';

/**
 * What every database service must show on the real infrastructure: its committed migrations match its
 * entities, and it boots and reports ready (Postgres, Kafka and, where used, S3 answering), with docs and metrics;
 * every route has an access rule, the guard enforces it for every role and agency scope, and the README shows it.
 */
/** Operational metrics every service exposes (libs/service-runtime operational-metrics, libs/observability). */
const COMMON_METRICS = [
  'motcua_outbox_backlog',
  'motcua_outbox_oldest_unpublished_age_seconds',
  'motcua_kafka_consumer_lag',
  'motcua_ready',
  'motcua_readiness_changes_total',
  'http_request_duration_seconds',
];

/** `metrics`: the service's own metric names, which its /metrics must declare besides the common ones. */
export function describeServiceBasics<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  { metrics = [] }: { metrics?: string[] } = {},
): void {
  describe(`${definition.name}: service basics`, () => {
    it('has committed migrations that match its entities', async () => {
      const isolation = await createTestIsolation(`${definition.name}drift`);
      try {
        expect(await schemaDriftOf(definition, isolation)).toEqual([]);
      } finally {
        await isolation.cleanup();
      }
    });

    it('boots with validated config and answers health, metrics and docs', async () => {
      const isolation = await createTestIsolation(`${definition.name}boot`);
      const service = await startServiceForTest(definition, isolation);
      try {
        const ready = await fetch(`${service.url}/health/ready`);
        expect(ready.status).toBe(200);
        const checks = ((await ready.json()) as { checks: Record<string, string> }).checks;
        expect(Object.values(checks).every((state) => state === 'up')).toBe(true);
        expect(Object.keys(checks)).toEqual(expect.arrayContaining(['postgres', 'kafka']));
        expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
        const scrape = await (await fetch(`${service.url}/metrics`)).text();
        expect(scrape).toContain(`service="${definition.name}"`);
        const declared = [...scrape.matchAll(/^# TYPE (\w+) /gm)].map(([, name]) => name);
        expect([...COMMON_METRICS, ...metrics].filter((name) => !declared.includes(name))).toEqual([]);
        // Freshly migrated and idle: nothing waits in the outbox, and the probe above found it ready.
        expect(scrape).toMatch(
          new RegExp(`^motcua_outbox_backlog\\{service="${definition.name}"\\} 0$`, 'm'),
        );
        expect(scrape).toMatch(new RegExp(`^motcua_ready\\{service="${definition.name}"\\} 1$`, 'm'));
        const docs = (await (await fetch(`${service.url}/docs-json`)).json()) as { info: { title: string } };
        expect(docs.info.title).toBe(definition.title);
        const anonymous = await fetch(`${service.url}/no-such-route`);
        expect(anonymous.headers.get('content-type')).toContain('application/problem+json');

        // The authorization matrix, walked on the running service from its route metadata.
        const matrix = await walkAuthorizationMatrix(service.app, service.url, isolation.infra);
        const withoutRule = matrix.routes.filter((r) => !r.rule.public && r.rule.roles.length === 0);
        expect(withoutRule.map((r) => `${r.method} ${r.path}`)).toEqual([]);
        expect(matrix.wrong).toEqual([]);
        expect(matrix.calls).toBe(matrix.routes.length * 21);
        const readme = readmeMatrix(definition.name, matrix.routes);
        expect(readme.documented).toBe(readme.actual);
      } finally {
        await service.close();
        await isolation.cleanup();
      }
    });
  });
}
