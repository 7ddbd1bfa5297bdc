/**
 * Decision 766/QĐ-TTg (2022) indicators as versioned configuration (DOMAIN.md §10). The weights are those shown on
 * the national dashboard and the formulas the portal's unofficial description: both unconfirmed, so a change is a
 * new version with its own effective date, never an edit, and every report names the version it used.
 */

/** Measures the reports compute over a scope and period; a formula names them. */
export type Measure =
  | 'processed'
  | 'onTime'
  | 'late'
  | 'received'
  | 'receivedOnline'
  | 'feeBearing'
  | 'paidOnline'
  | 'resolvedReceived'
  | 'withElectronicResult'
  | 'digitizedWithElectronicResult'
  | 'withReusedComponents'
  | 'complaints';

export interface Ratio {
  numerator: Measure;
  denominator: Measure;
}

export type Formula =
  | ({ kind: 'ratio' } & Ratio)
  /** 1 − Σ ratios (satisfaction = 100% − (late rate + complaint rate)). */
  | { kind: 'complement'; terms: Ratio[] }
  /** Not computable from the events the system receives. */
  | { kind: 'not-measured'; why: string };

export interface IndicatorDefinition {
  id: string;
  nameVi: string;
  nameEn: string;
  maxPoints: number;
  /** Full points from this rate on; below it an indicator scores rate × maxPoints / threshold. */
  threshold: number;
  formula: Formula;
}

export interface IndicatorFormulaVersion {
  version: string;
  /** First day (Vietnam time) of the periods this version applies to: chosen by the period's last day. */
  effectiveFrom: string;
  source: string;
  indicators: IndicatorDefinition[];
}

export const INDICATOR_FORMULA_VERSIONS: readonly IndicatorFormulaVersion[] = [
  {
    version: 'QD766-2022.1',
    effectiveFrom: '2022-06-23',
    source:
      'Quyết định 766/QĐ-TTg ngày 23/6/2022; trọng số theo bảng điều khiển của Cổng DVCQG, công thức theo mô tả không chính thức (chưa xác minh)',
    indicators: [
      {
        id: 'PUBLIC_DISCLOSURE',
        nameVi: 'Công khai, minh bạch',
        nameEn: 'Public disclosure',
        maxPoints: 18,
        threshold: 1,
        formula: {
          kind: 'not-measured',
          why: 'Published procedure data is outside the events metrics receives.',
        },
      },
      {
        id: 'PROCESSING_PROGRESS',
        nameVi: 'Tiến độ giải quyết (tỷ lệ đúng hạn)',
        nameEn: 'Processing progress (on-time rate)',
        maxPoints: 20,
        threshold: 1,
        formula: { kind: 'ratio', numerator: 'onTime', denominator: 'processed' },
      },
      {
        id: 'ONLINE_SERVICES',
        nameVi: 'Dịch vụ trực tuyến (tỷ lệ hồ sơ trực tuyến)',
        nameEn: 'Online services (online rate)',
        maxPoints: 12,
        threshold: 0.5,
        formula: { kind: 'ratio', numerator: 'receivedOnline', denominator: 'received' },
      },
      {
        id: 'ONLINE_PAYMENT',
        nameVi: 'Thanh toán trực tuyến',
        nameEn: 'Online payment',
        maxPoints: 10,
        threshold: 0.8,
        formula: { kind: 'ratio', numerator: 'paidOnline', denominator: 'feeBearing' },
      },
      {
        id: 'SATISFACTION',
        nameVi: 'Mức độ hài lòng',
        nameEn: 'Satisfaction',
        maxPoints: 18,
        threshold: 0.9,
        formula: {
          kind: 'complement',
          terms: [
            { numerator: 'late', denominator: 'processed' },
            { numerator: 'complaints', denominator: 'received' },
          ],
        },
      },
      // Digitization 22 points, split over its three rates (the split is unconfirmed).
      {
        id: 'ELECTRONIC_RESULT',
        nameVi: 'Số hóa: tỷ lệ cấp kết quả điện tử',
        nameEn: 'Digitization: electronic-result rate',
        maxPoints: 6,
        threshold: 1,
        formula: { kind: 'ratio', numerator: 'withElectronicResult', denominator: 'resolvedReceived' },
      },
      {
        id: 'DIGITIZATION',
        nameVi: 'Số hóa: tỷ lệ số hóa hồ sơ',
        nameEn: 'Digitization: digitization rate',
        maxPoints: 8,
        threshold: 0.8,
        formula: { kind: 'ratio', numerator: 'digitizedWithElectronicResult', denominator: 'received' },
      },
      {
        id: 'REUSE',
        nameVi: 'Số hóa: tỷ lệ khai thác, tái sử dụng dữ liệu số hóa',
        nameEn: 'Digitization: reuse rate',
        maxPoints: 8,
        threshold: 0.8,
        formula: { kind: 'ratio', numerator: 'withReusedComponents', denominator: 'received' },
      },
    ],
  },
];

/** The version in force on `day` (YYYY-MM-DD): the latest whose effectiveFrom is not after it. */
export function formulaVersionFor(
  day: string,
  versions: readonly IndicatorFormulaVersion[] = INDICATOR_FORMULA_VERSIONS,
): IndicatorFormulaVersion | undefined {
  return [...versions]
    .filter((v) => v.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

export interface IndicatorScore {
  id: string;
  nameVi: string;
  nameEn: string;
  maxPoints: number;
  threshold: number;
  /** How the rate is computed (the dashboard's scorecard shows it). */
  formula: Formula;
  /** null when not measured, or when its denominator is zero. */
  rate: number | null;
  points: number | null;
  measured: boolean;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function ratio(r: Ratio, measures: Record<Measure, number>): number | null {
  const denominator = measures[r.denominator];
  return denominator ? measures[r.numerator] / denominator : null;
}

/** Rates and points of each indicator of a version for the measures of one scope and period. */
export function scoreIndicators(
  version: IndicatorFormulaVersion,
  measures: Record<Measure, number>,
): IndicatorScore[] {
  return version.indicators.map((indicator) => {
    const { formula } = indicator;
    let value: number | null;
    if (formula.kind === 'not-measured') value = null;
    else if (formula.kind === 'ratio') value = ratio(formula, measures);
    else {
      const terms = formula.terms.map((t) => ratio(t, measures));
      value = terms.every((t) => t === null)
        ? null
        : Math.max(0, 1 - terms.reduce<number>((s, t) => s + (t ?? 0), 0));
    }
    const points =
      value === null
        ? null
        : value >= indicator.threshold
          ? indicator.maxPoints
          : (value * indicator.maxPoints) / indicator.threshold;
    return {
      id: indicator.id,
      nameVi: indicator.nameVi,
      nameEn: indicator.nameEn,
      maxPoints: indicator.maxPoints,
      threshold: indicator.threshold,
      formula,
      rate: value === null ? null : round(value, 4),
      points: points === null ? null : round(points, 2),
      measured: formula.kind !== 'not-measured',
    };
  });
}
