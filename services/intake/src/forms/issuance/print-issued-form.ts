import { receiptForm01 } from '../../receipts/receipt.service';
import { RECEIPT_TITLE, renderReceiptPdf } from '../../receipts/receipt-pdf.renderer';
import type { DossierFormPrinter } from '../printed-form';
import { FormNotPrintable, formFileName, printDossierForm } from '../printing/dossier-forms';
import { templateInForce } from '../printing/form-templates';

/** Prints any form an action issues (01-05): 01 is the receipt, 02-05 the dossier forms. */
export const printIssuedForm: DossierFormPrinter = async (input) => {
  if (input.formCode !== '01') return printDossierForm(input);
  const template = templateInForce('01', input.dossier.receivedAt);
  if (!template)
    throw new FormNotPrintable(`form 01 did not exist at ${input.dossier.receivedAt.toISOString()}`);
  const receivingClerk = input.actions[0]?.actor ?? input.dossier.createdBy;
  const receipt = receiptForm01(input.dossier, input.agency, input.parentAgency, receivingClerk);
  return {
    formCode: '01',
    title: RECEIPT_TITLE,
    fileName: formFileName('01', input.dossier.code, input.issuingAction?.seq),
    pdf: await renderReceiptPdf(receipt),
    template: {
      formCode: '01',
      version: template.version,
      legalBasis: template.legalBasis,
      effectiveFrom: template.effectiveFrom,
    },
  };
};
