import type { AgencyEntity } from '../agencies/agency.entity';
import type { DossierActionEntity } from '../dossiers/dossier-action.entity';
import type { DossierEntity } from '../dossiers/dossier.entity';
import type { DossierFormCode, FormCode } from './form-codes';

/** The template a form was printed from: versioned and effective-dated like the other rules (DOMAIN.md §2). */
export interface FormTemplateRef {
  formCode: FormCode;
  /** e.g. "2025-07-01" or "03/2025-v1"; a new template version never changes forms already issued. */
  version: string;
  /** The legal basis printed on the form, e.g. "Thông tư 03/2025/TT-VPCP". */
  legalBasis: string;
  effectiveFrom: string;
}

/** Everything a dossier form is printed from, read by the caller (no I/O in the printer). */
export interface DossierFormInput {
  formCode: DossierFormCode;
  dossier: DossierEntity;
  /** The whole control sheet, in seq order. */
  actions: DossierActionEntity[];
  /** The line that issues the form (01-05); null for 06. */
  issuingAction: DossierActionEntity | null;
  agency: AgencyEntity | undefined;
  parentAgency: AgencyEntity | undefined;
  /** When the form is printed: the issuing action's time for 01-05, the request's time for 06. */
  printedAt: Date;
}

/** A printed, not yet signed, form. */
export interface PrintedForm {
  formCode: FormCode;
  /** The form's title in Vietnamese, also the signature's reason. */
  title: string;
  /** e.g. "mau-02-000.00.12.H49-260102-0001.pdf" (ASCII, safe in Content-Disposition). */
  fileName: string;
  pdf: Buffer;
  template: FormTemplateRef;
}

/** Prints one dossier form (01-06) from what the caller read; pure, the same input gives the same bytes. */
export type DossierFormPrinter = (input: DossierFormInput) => Promise<PrintedForm>;
