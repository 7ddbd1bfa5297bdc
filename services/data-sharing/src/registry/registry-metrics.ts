import type { ScrapeGaugeSpec } from '@motcua/observability';
import { BreakerState, CircuitBreaker } from './circuit-breaker';

const STATES: BreakerState[] = ['CLOSED', 'HALF_OPEN', 'OPEN'];

/** One series per state, 1 for the current one: an alert can ask "not closed for 5 minutes". */
export function registryBreakerGauge(breaker: CircuitBreaker): ScrapeGaugeSpec {
  return {
    name: 'motcua_registry_breaker_state',
    help: 'State of the population-registry circuit breaker (1 on the current state)',
    labelNames: ['state'],
    read: async () => {
      const current = breaker.current;
      return STATES.map((state) => ({
        labels: { state: state.toLowerCase() },
        value: state === current ? 1 : 0,
      }));
    },
  };
}
