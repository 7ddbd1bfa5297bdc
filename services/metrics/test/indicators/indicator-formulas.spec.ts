import {
  formulaVersionFor,
  INDICATOR_FORMULA_VERSIONS,
  IndicatorFormulaVersion,
  Measure,
  scoreIndicators,
} from '../../src/indicators/indicator-formulas';

const measures = (overrides: Partial<Record<Measure, number>>): Record<Measure, number> => ({
  processed: 0,
  onTime: 0,
  late: 0,
  received: 0,
  receivedOnline: 0,
  feeBearing: 0,
  paidOnline: 0,
  resolvedReceived: 0,
  withElectronicResult: 0,
  digitizedWithElectronicResult: 0,
  withReusedComponents: 0,
  complaints: 0,
  ...overrides,
});

describe('Decision 766 indicator formulas', () => {
  const current = INDICATOR_FORMULA_VERSIONS[0];
  const score = (id: string, m: Partial<Record<Measure, number>>) =>
    scoreIndicators(current, measures(m)).find((i) => i.id === id)!;

  it('weighs 100 points over the six groups of DOMAIN.md §10', () => {
    expect(current.indicators.reduce((sum, i) => sum + i.maxPoints, 0)).toBe(100);
  });

  it('gives full points from the threshold on, and rate × max / threshold below it', () => {
    expect(score('ONLINE_SERVICES', { receivedOnline: 5, received: 10 })).toMatchObject({
      rate: 0.5,
      points: 12,
    });
    expect(score('ONLINE_SERVICES', { receivedOnline: 9, received: 10 })).toMatchObject({
      rate: 0.9,
      points: 12,
    });
    expect(score('ONLINE_SERVICES', { receivedOnline: 2, received: 10 })).toMatchObject({
      rate: 0.2,
      points: 4.8,
    });
    expect(score('ONLINE_PAYMENT', { paidOnline: 1, feeBearing: 2 })).toMatchObject({
      rate: 0.5,
      points: 6.25,
    });
  });

  it('scores satisfaction as 100% minus the late and complaint rates', () => {
    expect(score('SATISFACTION', { late: 1, processed: 10, complaints: 1, received: 20 })).toMatchObject({
      rate: 0.85,
      points: 17,
    });
  });

  it('has no rate or points without a denominator, nor for what is not measured', () => {
    expect(score('PROCESSING_PROGRESS', {})).toMatchObject({ rate: null, points: null, measured: true });
    expect(score('PUBLIC_DISCLOSURE', { received: 10 })).toMatchObject({
      rate: null,
      points: null,
      measured: false,
    });
  });

  it('uses the version in force on the last day of the period', () => {
    const versions: IndicatorFormulaVersion[] = [
      { ...current, version: 'A', effectiveFrom: '2022-06-23' },
      { ...current, version: 'B', effectiveFrom: '2026-07-01' },
    ];
    expect(formulaVersionFor('2026-06-30', versions)?.version).toBe('A');
    expect(formulaVersionFor('2026-07-01', versions)?.version).toBe('B');
    expect(formulaVersionFor('2021-12-31', versions)).toBeUndefined();
  });
});
