import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Record<string, string | undefined>;

/** Environment values are strings: the default's type says what the setting is. */
function coerce(value: string, defaultValue: unknown): unknown {
  if (typeof defaultValue === 'number') return value.trim() === '' ? NaN : Number(value);
  if (typeof defaultValue === 'boolean') {
    const lower = value.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) return true;
    if (['0', 'false', 'no', 'off'].includes(lower)) return false;
    return value; // left as a string so that @IsBoolean reports it
  }
  return value;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Builds a typed, validated config object from environment variables.
 * The class's property names are the variable names; defaults are property initialisers.
 * Fails fast with every problem listed, so a misconfigured pod never half-starts.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Env = process.env): T {
  const defaults = new schema() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : coerce(value, defaults[key]);
  }
  const config = plainToInstance(schema, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigValidationError(flatten(errors));
  return Object.freeze(config);
}
