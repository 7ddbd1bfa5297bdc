import type { FailureCode } from './outcomes';

export type CheckStatus = 'OK' | 'NOT_OK' | 'SKIPPED';

/** The checks of one signature, reported in this order. */
export const CHECK_NAMES = [
  'FORMAT',
  'BYTE_RANGE',
  'MODIFICATIONS',
  'SIGNING_CERTIFICATE',
  'SIGNED_ATTRIBUTES',
  'MESSAGE_DIGEST',
  'SIGNATURE_VALUE',
  'ALGORITHM_POLICY',
  'TIMESTAMP',
  'CERTIFICATE_CHAIN',
  'KEY_USAGE',
  'VALIDITY_PERIOD',
  'REVOCATION',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export interface Check {
  name: CheckName;
  status: CheckStatus;
  detail?: string;
  /** Set on NOT_OK: the row of the failure table this check failed with. */
  failure?: FailureCode;
}

/** Collects check results; a check reported twice keeps its worst status. */
export class CheckList {
  private readonly byName = new Map<CheckName, Check>();

  ok(name: CheckName, detail?: string): void {
    if (!this.byName.has(name) || this.byName.get(name)!.status === 'SKIPPED')
      this.byName.set(name, { name, status: 'OK', detail });
  }

  fail(name: CheckName, failure: FailureCode, detail: string): void {
    const existing = this.byName.get(name);
    if (existing?.status === 'NOT_OK') {
      existing.detail = `${existing.detail}; ${detail}`;
      return;
    }
    this.byName.set(name, { name, status: 'NOT_OK', detail, failure });
  }

  skip(name: CheckName, detail?: string): void {
    if (!this.byName.has(name)) this.byName.set(name, { name, status: 'SKIPPED', detail });
  }

  has(name: CheckName): boolean {
    return this.byName.has(name);
  }

  failed(name: CheckName): boolean {
    return this.byName.get(name)?.status === 'NOT_OK';
  }

  failures(): FailureCode[] {
    return [...this.byName.values()].flatMap((check) => (check.failure ? [check.failure] : []));
  }

  /** Every check in report order; those never reached are SKIPPED. */
  list(applicable: readonly CheckName[] = CHECK_NAMES): Check[] {
    return applicable.map((name) => this.byName.get(name) ?? { name, status: 'SKIPPED' as const });
  }
}
