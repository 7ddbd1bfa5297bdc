import { createTestIsolation, ServiceUnderTest, startServiceForTest, TestIsolation } from '@motcua/testing';
import { IntakeConfig } from '../src/config/intake.config';
import { intakeService } from '../src/intake.service-definition';

/**
 * The public lookup's limiter: one allowance per client across replicas (buckets in PostgreSQL), the client found
 * behind trusted proxies only. Two intake processes' worth of apps share one schema here, as replicas share one.
 */
describe('intake: the public-lookup limit, shared by replicas and keyed behind trusted proxies', () => {
  let isolation: TestIsolation;
  let replicas: ServiceUnderTest<IntakeConfig>[];
  let direct: ServiceUnderTest<IntakeConfig>;

  beforeAll(async () => {
    isolation = await createTestIsolation('intake-limit');
    const behindProxy = {
      PUBLIC_LOOKUP_MAX_REQUESTS: '6',
      PUBLIC_LOOKUP_WINDOW_SECONDS: '60',
      PUBLIC_LOOKUP_TRUSTED_PROXIES: '127.0.0.1, ::1',
    };
    replicas = [
      await startServiceForTest(intakeService, isolation, behindProxy),
      await startServiceForTest(intakeService, isolation, behindProxy),
    ];
    // No trusted proxy: X-Forwarded-For is the client's own word and ignored. One request back every 2 s.
    direct = await startServiceForTest(intakeService, isolation, {
      PUBLIC_LOOKUP_MAX_REQUESTS: '2',
      PUBLIC_LOOKUP_WINDOW_SECONDS: '4',
    });
  });

  afterAll(async () => {
    for (const app of [...(replicas ?? []), direct]) await app?.close();
    await isolation?.cleanup();
  });

  const lookup = async (app: ServiceUnderTest<IntakeConfig>, forwardedFor?: string) => {
    const response = await fetch(`${app.url}/public/dossiers/000.00.12.H49-260101-0001?phoneLast4=1234`, {
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  it('counts a client once across replicas, by the address the trusted proxy forwarded', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await lookup(replicas[i % 2], '198.51.100.1')).status);
    // 404: the code is unknown, but the lookup was let through; 429 once the six are used, on either replica.
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429]);
    const refused = await lookup(replicas[1], '198.51.100.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(10);
    // Writing another address in front does not help: the proxy appended the real one.
    expect((await lookup(replicas[0], '203.0.113.99, 198.51.100.1')).status).toBe(429);
    // Another client behind the same proxy has its own allowance.
    expect((await lookup(replicas[0], '198.51.100.2')).status).toBe(404);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy, and refills evenly', async () => {
    expect((await lookup(direct, '198.51.100.10')).status).toBe(404);
    expect((await lookup(direct, '198.51.100.11')).status).toBe(404);
    const refused = await lookup(direct, '198.51.100.12');
    expect(refused.status).toBe(429);
    expect(['1', '2']).toContain(refused.retryAfter);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await lookup(direct, '198.51.100.13')).status).toBe(404);
    expect((await lookup(direct)).status).toBe(429);
  });
});
