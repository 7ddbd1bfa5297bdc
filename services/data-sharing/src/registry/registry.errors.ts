/** The registry could not be asked or did not answer usefully (5xx, timeout, network, or circuit open). */
export class RegistryUnavailableError extends Error {
  constructor(
    message: string,
    /** True when the breaker was already open or this was its half-open trial: a registry-wide outage. */
    readonly duringOutage: boolean,
  ) {
    super(message);
    this.name = 'RegistryUnavailableError';
  }
}

/** The breaker is open: no call was made. */
export class CircuitOpenError extends RegistryUnavailableError {
  constructor(readonly retryAt: number) {
    super('registry circuit breaker is open', true);
    this.name = 'CircuitOpenError';
  }
}

/** The registry refused the request (4xx other than 404): retrying would not help. */
export class RegistryRejectedError extends Error {
  constructor(readonly status: number) {
    super(`registry rejected the request with HTTP ${status}`);
    this.name = 'RegistryRejectedError';
  }
}
