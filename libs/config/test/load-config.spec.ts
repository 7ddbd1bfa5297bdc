import { IsInt, Max, Min } from 'class-validator';
import { BaseServiceConfig } from '../src/base-service-config';
import { ConfigValidationError, loadConfig } from '../src/load-config';

class SampleConfig extends BaseServiceConfig {
  override PORT = 3999;

  @IsInt()
  @Min(1)
  @Max(10)
  WORKERS = 2;
}

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/db',
  DATABASE_SCHEMA: 'sample',
};

describe('loadConfig', () => {
  it('applies defaults and converts by the default value type', () => {
    const config = loadConfig(SampleConfig, { ...valid, WORKERS: '5', KAFKA_CREATE_TOPICS: 'false' });
    expect(config.PORT).toBe(3999);
    expect(config.WORKERS).toBe(5);
    expect(config.KAFKA_CREATE_TOPICS).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem at once, naming the variables', () => {
    let error: unknown;
    try {
      loadConfig(SampleConfig, {
        DATABASE_SCHEMA: 'Bad-Name',
        WORKERS: 'many',
        PORT: '70000',
        SWAGGER_ENABLED: 'perhaps',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const name of ['DATABASE_URL', 'DATABASE_SCHEMA', 'WORKERS', 'PORT', 'SWAGGER_ENABLED'])
      expect(problems).toContain(name);
  });

  it('ignores variables it does not declare', () => {
    expect(() => loadConfig(SampleConfig, { ...valid, UNRELATED: 'x' })).not.toThrow();
  });
});
