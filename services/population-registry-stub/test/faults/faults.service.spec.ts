import { loadConfig } from '@motcua/config';
import { PopulationRegistryStubConfig } from '../../src/config/population-registry-stub.config';
import { FaultsService } from '../../src/faults/faults.service';

const configOf = (env: Record<string, string> = {}) => loadConfig(PopulationRegistryStubConfig, env);

describe('FaultsService', () => {
  it('starts from the environment and lets everything pass by default', () => {
    const faults = new FaultsService(configOf());
    expect(faults.decide()).toEqual({ kind: 'pass', delayMs: 0 });
    expect(faults.current()).toEqual({
      latencyMs: 0,
      jitterMs: 0,
      errorRate: 0,
      outage: false,
      outageUntil: null,
      outageActive: false,
    });
  });

  it('adds latency with jitter and fails the configured fraction', () => {
    const faults = new FaultsService(
      configOf({ REGISTRY_LATENCY_MS: '100', REGISTRY_LATENCY_JITTER_MS: '50', REGISTRY_ERROR_RATE: '0.25' }),
    );
    const draws = [0.5, 0.2, 0.5, 0.3];
    faults.random = () => draws.shift()!;
    expect(faults.decide()).toEqual({ kind: 'error', delayMs: 125 });
    expect(faults.decide()).toEqual({ kind: 'pass', delayMs: 125 });
  });

  it('is down during an outage or its window, and resets to the environment', () => {
    const faults = new FaultsService(configOf());
    faults.now = () => Date.parse('2026-11-27T12:00:00Z');
    faults.update({ outageUntil: '2026-11-27T12:00:30Z' });
    expect(faults.decide()).toEqual({ kind: 'outage', delayMs: 0, retryAfterSeconds: 30 });
    faults.now = () => Date.parse('2026-11-27T12:01:00Z');
    expect(faults.decide().kind).toBe('pass');
    expect(faults.update({ outage: true }).outageActive).toBe(true);
    expect(faults.decide().kind).toBe('outage');
    expect(faults.reset().outageActive).toBe(false);
  });

  it('refuses an invalid environment', () => {
    expect(() => configOf({ REGISTRY_ERROR_RATE: '2' })).toThrow(/REGISTRY_ERROR_RATE/);
    expect(() => configOf({ REGISTRY_OUTAGE_UNTIL: 'soon' })).toThrow(/REGISTRY_OUTAGE_UNTIL/);
  });
});
