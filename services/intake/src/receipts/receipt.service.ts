import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, principalReaches } from '@motcua/auth';
import type { AgencyEntity } from '../agencies/agency.entity';
import { AgencyService } from '../agencies/agency.service';
import { DossierActionEntity } from '../dossiers/dossier-action.entity';
import { DossierEntity } from '../dossiers/dossier.entity';
import { dossierNotFound, dossierScope } from '../dossiers/dossier.service';
import { IssuedFormEntity } from '../forms/issuance/issued-form.entity';
import { OrganisationFormSigner } from '../forms/signing/organisation-form-signer';
import { ReceiptForm01 } from './receipt-form-01';
import { RECEIPT_TITLE, renderReceiptPdf } from './receipt-pdf.renderer';

/** Builds form 01 (receipt and appointment slip) from the stored dossier, as JSON or as a printable PDF. */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyService,
    private readonly signer: OrganisationFormSigner,
  ) {}

  async form01(code: string, principal: Principal): Promise<ReceiptForm01> {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    const agency = await this.agencies.get(dossier.agencyCode);
    const parent = agency?.parentCode ? await this.agencies.get(agency.parentCode) : undefined;
    // The clerk who received it is the actor of the first line of the control sheet.
    const intake = await this.dataSource
      .getRepository(DossierActionEntity)
      .findOne({ where: { dossierCode: code }, order: { seq: 'ASC' } });
    return receiptForm01(dossier, agency, parent, intake?.actor ?? dossier.createdBy);
  }

  /**
   * The printed form 01, signed by the receiving agency (PAdES) when form signing is configured; without it
   * (a bare test setup) the PDF is the unsigned print for paper.
   */
  async pdf(code: string, principal: Principal): Promise<Buffer> {
    const form = await this.form01(code, principal);
    // Once issued (at the intake or the acceptance), the receipt is served as it was signed then.
    const issued = await this.dataSource
      .getRepository(IssuedFormEntity)
      .findOne({ where: { dossierCode: code, formCode: '01' }, order: { actionSeq: 'DESC' } });
    if (issued) return issued.pdf;
    const pdf = await renderReceiptPdf(form);
    return this.signer.signIfConfigured(form.agency.code, pdf, RECEIPT_TITLE);
  }
}

/** Form 01's content from the stored dossier, its agency and the clerk who received it (pure). */
export function receiptForm01(
  dossier: DossierEntity,
  agency: AgencyEntity | undefined,
  parent: AgencyEntity | undefined,
  receivingClerk: string,
): ReceiptForm01 {
  const sequence = dossier.code.split('-').at(-1) ?? '';
  return {
    form: '01',
    agency: {
      code: dossier.agencyCode,
      name: agency?.name ?? dossier.agencyCode,
      parentName: parent?.name ?? null,
      place: null,
    },
    dossierCode: dossier.code,
    applicant: {
      fullName: dossier.applicant.fullName,
      address: dossier.applicant.address,
      phone: dossier.applicant.phone,
      email: dossier.applicant.email,
    },
    request: { procedureCode: dossier.procedureCode, procedureName: dossier.procedureName },
    documents: dossier.components
      .filter((c) => c.provided)
      .map((c) => ({ name: c.name ?? c.code, copies: 1, form: 'ORIGINAL' as const })),
    receivedAt: dossier.receivedAt.toISOString(),
    appointmentAt: dossier.dueAt ? dossier.dueAt.toISOString() : null,
    processingLimit: { value: Number(dossier.processingLimit), unit: dossier.limitUnit },
    resultPickup:
      dossier.channel === 'POSTAL'
        ? 'Trả qua dịch vụ bưu chính công ích theo địa chỉ của người nộp'
        : `Bộ phận Một cửa - ${agency?.name ?? dossier.agencyCode}${agency?.address ? `, ${agency.address}` : ''}`,
    feeVnd: dossier.feeVnd,
    logBook: { book: `${dossier.agencyCode}/${dossier.receivedAt.getUTCFullYear()}`, entry: sequence },
    receivingClerk: { name: receivingClerk },
    lookupUrl: null,
  };
}
