import { ConfigValidationError, loadConfig } from '@motcua/config';
import { IntakeConfig } from '../../src/config/intake.config';

describe('intake config: the forms timestamp authority', () => {
  const base = { DATABASE_URL: 'postgres://u:p@localhost:5432/db' };

  it('is off by default (B-B) and takes an http(s) URL, basic credentials and a bounded timeout', () => {
    const off = loadConfig(IntakeConfig, base);
    expect(off.FORM_SIGNING_TSA_URL).toBe('');
    expect(off.FORM_SIGNING_TSA_TIMEOUT_MS).toBe(10_000);
    const on = loadConfig(IntakeConfig, {
      ...base,
      FORM_SIGNING_TSA_URL: 'http://tsa.ca.gov.vn:8080/tsa',
      FORM_SIGNING_TSA_USERNAME: 'motcua',
      FORM_SIGNING_TSA_PASSWORD: 'x',
      FORM_SIGNING_TSA_TIMEOUT_MS: '3000',
    });
    expect(on).toMatchObject({
      FORM_SIGNING_TSA_URL: 'http://tsa.ca.gov.vn:8080/tsa',
      FORM_SIGNING_TSA_TIMEOUT_MS: 3000,
    });
  });

  it('refuses a URL that is not http(s) and an unbounded timeout', () => {
    for (const env of [
      { FORM_SIGNING_TSA_URL: 'tsa.ca.gov.vn' },
      { FORM_SIGNING_TSA_URL: 'ftp://tsa.ca.gov.vn/' },
      { FORM_SIGNING_TSA_TIMEOUT_MS: '0' },
      { FORM_SIGNING_TSA_TIMEOUT_MS: '600000' },
    ])
      expect(() => loadConfig(IntakeConfig, { ...base, ...env })).toThrow(ConfigValidationError);
  });
});
