import { lastFourDigits, phoneLast4Matches } from '../../src/public-lookup/phone-last4';

describe('phone last four digits', () => {
  it('takes the last four digits whatever the phone notation', () => {
    expect(lastFourDigits('0912345678')).toBe('5678');
    expect(lastFourDigits('+84 912 345 678')).toBe('5678');
    expect(lastFourDigits('091.234.5678')).toBe('5678');
    expect(lastFourDigits('123')).toBeNull();
    expect(lastFourDigits(null)).toBeNull();
  });

  it('matches only four right digits against a stored phone', () => {
    expect(phoneLast4Matches('0912345678', '5678')).toBe(true);
    expect(phoneLast4Matches('+84912345678', '5678')).toBe(true);
    expect(phoneLast4Matches('0912345678', '5679')).toBe(false);
    expect(phoneLast4Matches('0912345678', '678')).toBe(false);
    expect(phoneLast4Matches('0912345678', '45678')).toBe(false);
    expect(phoneLast4Matches('0912345678', undefined)).toBe(false);
  });

  it('never matches a dossier without a phone, not even the filler it is compared against', () => {
    expect(phoneLast4Matches(null, '0000')).toBe(false);
    expect(phoneLast4Matches(null, '\0\0\0\0')).toBe(false);
    expect(phoneLast4Matches('', '5678')).toBe(false);
  });
});
