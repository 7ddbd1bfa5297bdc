/** Injection tokens of the stub: its validated config and the pino logger it was started with. */
export const STUB_CONFIG = Symbol('STUB_CONFIG');
export const STUB_LOGGER = Symbol('STUB_LOGGER');
