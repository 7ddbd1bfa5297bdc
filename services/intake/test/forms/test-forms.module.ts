// Test stand-ins for the printer and signer that arrive at merge: a pdfkit PDF naming the form and the dossier,
// signed with @motcua/test-pki's signPdf by a signer issued by a throwaway test CA.
import { Global, Module } from '@nestjs/common';
import * as pkijs from 'pkijs';
import * as pki from '@motcua/test-pki';
import { FORM_SIGNER, FormSigner, FormSigningRequest } from '../../src/forms/form-signer';
import { DOSSIER_FORM_PRINTER, DossierFormInput, PrintedForm } from '../../src/forms/printed-form';

const codec: pki.PkiCodec<pki.CertificateLike, pki.CrlLike> = {
  certificate: (der) => {
    const parsed = pkijs.Certificate.fromBER(der);
    return {
      der,
      parsed,
      serialNumber: Buffer.from(parsed.serialNumber.valueBlock.valueHexView).toString('hex'),
    };
  },
  crl: (der) => ({ der, parsed: pkijs.CertificateRevocationList.fromBER(der) }),
};

export async function printTestForm(input: DossierFormInput): Promise<PrintedForm> {
  const title = `Mẫu ${input.formCode}: hồ sơ ${input.dossier.code}`;
  const seq = input.issuingAction?.seq ?? 0;
  return {
    formCode: input.formCode,
    title,
    fileName: `mau-${input.formCode}-${input.dossier.code}-${seq}.pdf`,
    pdf: Buffer.from(await pki.createPdf(1, `${title} (dòng ${seq})`)),
    template: {
      formCode: input.formCode,
      version: 'test-v1',
      legalBasis: 'Thông tư 03/2025/TT-VPCP',
      effectiveFrom: '2025-07-01',
    },
  };
}

/** Signs with the test CA; `failNext` makes the next calls throw as a missing credential would. */
export class TestFormSigner implements FormSigner {
  failNext = 0;
  calls: FormSigningRequest[] = [];
  private signer?: Promise<{ signer: pki.Issued; ca: pki.Issued }>;

  async sign(request: FormSigningRequest): Promise<Buffer> {
    this.calls.push(request);
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('signing credentials for the agency are not available');
    }
    this.signer ??= (async () => {
      const root = await pki.createRoot(codec, 'Test Forms Root CA');
      const ca = await pki.issue(codec, root, 'Test Forms CA', { ca: true });
      return { signer: await pki.issue(codec, ca, request.agencyCode), ca };
    })();
    const { signer, ca } = await this.signer;
    return Buffer.from(pki.signPdf(request.pdf, { signer, chain: [ca], signingTime: request.signedAt }));
  }
}

export const testSigner = new TestFormSigner();

@Global()
@Module({
  providers: [
    { provide: DOSSIER_FORM_PRINTER, useValue: printTestForm },
    { provide: FORM_SIGNER, useValue: testSigner },
  ],
  exports: [DOSSIER_FORM_PRINTER, FORM_SIGNER],
})
export class TestFormsModule {}
