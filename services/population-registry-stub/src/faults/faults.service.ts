import { Inject, Injectable } from '@nestjs/common';
import { PopulationRegistryStubConfig } from '../config/population-registry-stub.config';
import { STUB_CONFIG } from '../tokens';
import { FaultSettings, FaultState } from './fault-settings';

export type FaultDecision =
  | { kind: 'pass'; delayMs: number }
  | { kind: 'outage'; delayMs: number; retryAfterSeconds?: number }
  | { kind: 'error'; delayMs: number };

/** Holds the current fault settings (from config at boot, then PUT /admin/faults) and decides per request. */
@Injectable()
export class FaultsService {
  private readonly defaults: FaultSettings;
  private settings: FaultSettings;

  /** Replaceable in unit tests. */
  random: () => number = Math.random;
  now: () => number = Date.now;

  constructor(@Inject(STUB_CONFIG) config: PopulationRegistryStubConfig) {
    this.defaults = Object.freeze({
      latencyMs: config.REGISTRY_LATENCY_MS,
      jitterMs: config.REGISTRY_LATENCY_JITTER_MS,
      errorRate: config.REGISTRY_ERROR_RATE,
      outage: false,
      outageUntil: config.REGISTRY_OUTAGE_UNTIL ? new Date(config.REGISTRY_OUTAGE_UNTIL).toISOString() : null,
    });
    this.settings = { ...this.defaults };
  }

  current(): FaultState {
    return { ...this.settings, outageActive: this.outageActive() };
  }

  update(change: Partial<FaultSettings>): FaultState {
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    this.settings = { ...this.settings, ...defined };
    if (this.settings.outageUntil)
      this.settings.outageUntil = new Date(this.settings.outageUntil).toISOString();
    return this.current();
  }

  /** Back to the configured (environment) settings. */
  reset(): FaultState {
    this.settings = { ...this.defaults };
    return this.current();
  }

  decide(): FaultDecision {
    const { latencyMs, jitterMs, errorRate, outage, outageUntil } = this.settings;
    const delayMs = latencyMs + (jitterMs > 0 ? Math.round(this.random() * jitterMs) : 0);
    if (outage) return { kind: 'outage', delayMs };
    if (outageUntil) {
      const remaining = Date.parse(outageUntil) - this.now();
      if (remaining > 0) return { kind: 'outage', delayMs, retryAfterSeconds: Math.ceil(remaining / 1000) };
    }
    if (errorRate > 0 && this.random() < errorRate) return { kind: 'error', delayMs };
    return { kind: 'pass', delayMs };
  }

  private outageActive(): boolean {
    const until = this.settings.outageUntil;
    return this.settings.outage || (until !== null && Date.parse(until) > this.now());
  }
}
