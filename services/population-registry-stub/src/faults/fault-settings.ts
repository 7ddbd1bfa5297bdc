/** Faults injected into /api/v1 (health, metrics, docs and /admin are never affected). */
export interface FaultSettings {
  /** Fixed latency added to every request. */
  latencyMs: number;
  /** Extra latency drawn uniformly from [0, jitterMs]. */
  jitterMs: number;
  /** Fraction of requests answered 503, in [0, 1]. */
  errorRate: number;
  /** Outage switched on until switched off. */
  outage: boolean;
  /** Outage window: 503 until this instant (ISO date-time), or null. */
  outageUntil: string | null;
}

export interface FaultState extends FaultSettings {
  /** Whether /api/v1 is down right now (outage, or inside the outage window). */
  outageActive: boolean;
}
