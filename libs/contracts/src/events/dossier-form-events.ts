import { Static, Type } from '@sinclair/typebox';
import { DossierCodeAlias, IsoDateTime, NonEmptyText, Sha256, StringEnum } from './schema-kit';

/** The one-stop forms a workflow action issues at the moment it happens (06 and 07 are printed on request). */
export const ISSUED_FORM_CODES = ['01', '02', '03', '04', '05'] as const;
export type IssuedFormCode = (typeof ISSUED_FORM_CODES)[number];

/**
 * vn.motcua.dossier.form-issued.v1: a one-stop form (01-05) was printed and signed for a line of the control
 * sheet. The signed PDF travels in the event (forms are ~50-150 KB, base64 ~200 KB, well under the broker's
 * 1 MB message limit) so digitization stores it without calling back into intake.
 */
export const dossierFormIssuedV1Schema = Type.Object({
  code: NonEmptyText(),
  dossierCode: DossierCodeAlias(),
  agencyCode: NonEmptyText(),
  formCode: StringEnum(ISSUED_FORM_CODES),
  /** The control-sheet line that issued the form. */
  actionSeq: Type.Integer({ minimum: 1 }),
  action: NonEmptyText(),
  title: NonEmptyText(),
  template: Type.Object({
    version: NonEmptyText(),
    legalBasis: NonEmptyText(),
    effectiveFrom: NonEmptyText(),
  }),
  fileName: NonEmptyText({ pattern: '^[A-Za-z0-9._-]+$' }),
  mimeType: Type.Literal('application/pdf'),
  sha256: Sha256(),
  size: Type.Integer({ minimum: 1 }),
  /** The action's time, also the signing time. */
  issuedAt: IsoDateTime(),
  /** The signed PDF, base64. */
  pdfBase64: Type.String({ minLength: 1, contentEncoding: 'base64' }),
});
export type DossierFormIssuedV1 = Static<typeof dossierFormIssuedV1Schema>;
