import { randomUUID } from 'node:crypto';
import { validateCloudEvent } from '@motcua/contracts';
import { createPdf, signPdf } from '@motcua/test-pki';
import { createTestPki, type TestPki } from '../support/test-pki';
import type { TrustMaterial } from '../../src/verification/chain';
import { FAILURES } from '../../src/verification/outcomes';
import {
  documentFailure,
  signatureCountOf,
  verifyPdf,
  type VerificationReport,
} from '../../src/verification/verifier';
import type { VerificationEntity } from '../../src/verifications/verification.entity';
import {
  signatureVerifiedEvent,
  TRUST_DEPENDENT_SUB_INDICATIONS,
} from '../../src/documents/signature-events';

let pki: TestPki;
let trust: TrustMaterial;

beforeAll(async () => {
  pki = await createTestPki();
  trust = { anchors: [pki.root.certificate], crls: [pki.caCrl, pki.rootCrl] };
});

const row = (report: VerificationReport): VerificationEntity =>
  ({
    id: randomUUID(),
    documentId: 'doc-1',
    sha256: 'e'.repeat(64),
    report,
    verifiedAt: new Date('2026-11-27T10:00:00Z'),
    trustGeneration: '3',
  }) as VerificationEntity;
const document = { documentId: 'doc-1', dossierCode: '000.00.12.H49-261127-0001', componentCode: 'TP01' };

describe('signature counts', () => {
  it('counts the signatures of a verified PDF, 0 for an unsigned one, nothing for an unreadable file', async () => {
    const once = signPdf(await createPdf(1), { signer: pki.rsa, chain: [pki.ca] });
    const twice = signPdf(once, { signer: pki.ecdsa, chain: [pki.ca] });
    expect(signatureCountOf(verifyPdf(once, { trust }))).toBe(1);
    expect(signatureCountOf(verifyPdf(twice, { trust }))).toBe(2);
    const unsigned = verifyPdf(await createPdf(2), { trust });
    expect(unsigned).toMatchObject({ subIndication: 'SIGNED_DATA_NOT_FOUND', failure: 'NO_SIGNATURE' });
    expect(signatureCountOf(unsigned)).toBe(0);
    const garbage = verifyPdf(Buffer.from('%PDF-1.7\nnot a pdf'), { trust });
    expect(garbage.failure).toBe('UNREADABLE_DOCUMENT');
    expect(signatureCountOf(garbage)).toBeUndefined();
    expect(signatureCountOf(documentFailure('PDF', 'DOCUMENT_UNAVAILABLE', 'gone'))).toBeUndefined();
  });
});

describe('signature.verified', () => {
  it('carries the count and the digest, and satisfies the contract schema', async () => {
    const passed = row(
      verifyPdf(signPdf(await createPdf(1), { signer: pki.rsa, chain: [pki.ca] }), { trust }),
    );
    const event = signatureVerifiedEvent(document, passed);
    expect(event.data).toEqual({
      ...document,
      verificationId: passed.id,
      indication: 'TOTAL_PASSED',
      verifiedAt: '2026-11-27T10:00:00.000Z',
      signatureCount: 1,
      sha256: 'e'.repeat(64),
    });
    expect(event.subject).toBe(document.dossierCode);
    expect(validateCloudEvent(JSON.parse(JSON.stringify(event)))).toMatchObject({ valid: true });
    const unsigned = signatureVerifiedEvent(document, row(documentFailure('PDF', 'NO_SIGNATURE', 'none')));
    expect(unsigned.data).toMatchObject({ signatureCount: 0, subIndication: 'SIGNED_DATA_NOT_FOUND' });
    const unreadable = signatureVerifiedEvent(
      document,
      row(documentFailure('PDF', 'DOCUMENT_UNAVAILABLE', 'x')),
    );
    expect(unreadable.data).not.toHaveProperty('signatureCount');
    expect(validateCloudEvent(JSON.parse(JSON.stringify(unreadable)))).toMatchObject({ valid: true });
  });

  it('re-verifies on a trust change only INDETERMINATE results the trust store decides', () => {
    const indeterminate = new Set<string>(
      Object.values(FAILURES)
        .filter((outcome) => outcome.indication === 'INDETERMINATE')
        .map((outcome) => outcome.subIndication),
    );
    for (const subIndication of TRUST_DEPENDENT_SUB_INDICATIONS)
      expect(indeterminate.has(subIndication)).toBe(true);
    expect([...TRUST_DEPENDENT_SUB_INDICATIONS].sort()).toEqual([
      'NO_CERTIFICATE_CHAIN_FOUND',
      'REVOKED_CA_NO_POE',
      'REVOKED_NO_POE',
      'TRY_LATER',
    ]);
  });
});
