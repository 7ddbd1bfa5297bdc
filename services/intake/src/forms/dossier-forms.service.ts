import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, principalReaches } from '@motcua/auth';
import { localized, ProblemException } from '@motcua/http';
import { AgencyService } from '../agencies/agency.service';
import { DossierActionEntity } from '../dossiers/dossier-action.entity';
import { DossierEntity } from '../dossiers/dossier.entity';
import { dossierNotFound, dossierScope } from '../dossiers/dossier.service';
import { ReceiptService } from '../receipts/receipt.service';
import type { DossierFormEntryResponse } from './dossier-form.dto';
import { formIssuedBy, type DossierFormCode } from './form-codes';
import { IssuedFormEntity } from './issuance/issued-form.entity';
import { formFileName, printDossierForm } from './printing/dossier-forms';
import { templateInForce } from './printing/form-templates';
import { OrganisationFormSigner } from './signing/organisation-form-signer';

export interface ServedForm {
  pdf: Buffer;
  fileName: string;
}

const formNotIssued = (code: string, formCode: string, seq?: number) =>
  new ProblemException(
    HttpStatus.NOT_FOUND,
    'form-not-issued',
    localized(
      `Dossier ${code} has no form ${formCode}${seq ? ` issued by line ${seq} of its control sheet` : ''}.`,
      `Hồ sơ ${code} không có mẫu ${formCode}${seq ? ` do bước ${seq} của phiếu kiểm soát lập` : ''}.`,
    ),
  );

/**
 * The forms of a dossier as its agency issued them: 01-05 printed from the control-sheet line that issued them
 * (the template in force at that moment, the line's time on the form), 06 as the control sheet stands now; each
 * signed by the agency (PAdES) when form signing is configured.
 */
@Injectable()
export class DossierFormsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agencies: AgencyService,
    private readonly receipts: ReceiptService,
    private readonly signer: OrganisationFormSigner,
  ) {}

  private async load(code: string, principal: Principal) {
    const dossier = await this.dataSource.getRepository(DossierEntity).findOneBy({ code });
    if (!dossier || !principalReaches(principal, dossierScope(dossier))) throw dossierNotFound(code);
    const actions = await this.dataSource
      .getRepository(DossierActionEntity)
      .find({ where: { dossierCode: code }, order: { seq: 'ASC' } });
    return { dossier, actions };
  }

  async list(code: string, principal: Principal): Promise<DossierFormEntryResponse[]> {
    const { actions } = await this.load(code, principal);
    const issued = await this.dataSource.getRepository(IssuedFormEntity).find({
      where: { dossierCode: code },
      select: { formCode: true, actionSeq: true, sha256: true },
    });
    const issuedHash = new Map(issued.map((f) => [`${f.formCode}:${f.actionSeq}`, f.sha256]));
    const entries: DossierFormEntryResponse[] = [];
    for (const line of actions) {
      const formCode = formIssuedBy(line);
      const template = formCode && templateInForce(formCode, line.at);
      if (!formCode || !template) continue;
      entries.push({
        formCode,
        title: `Mẫu ${formCode}: ${template.title}`,
        seq: line.seq,
        issuedAt: line.at.toISOString(),
        templateVersion: template.version,
        legalBasis: template.legalBasis,
        href: `/dossiers/${code}/forms/${formCode}?seq=${line.seq}`,
        sha256: issuedHash.get(`${formCode}:${line.seq}`) ?? null,
      });
    }
    const sheet = templateInForce('06', new Date())!;
    entries.push({
      formCode: '06',
      title: `Mẫu 06: ${sheet.title}`,
      seq: null,
      issuedAt: null,
      templateVersion: sheet.version,
      legalBasis: sheet.legalBasis,
      href: `/dossiers/${code}/forms/06`,
      sha256: null,
    });
    return entries;
  }

  async pdf(
    code: string,
    formCode: DossierFormCode,
    principal: Principal,
    seq?: number,
  ): Promise<ServedForm> {
    // Form 01 is the receipt, served as issued once it is (an online dossier not yet accepted has it without an
    // appointment).
    if (formCode === '01') {
      return { pdf: await this.receipts.pdf(code, principal), fileName: formFileName('01', code) };
    }
    const { dossier, actions } = await this.load(code, principal);
    const issuing = actions.filter((line) => formIssuedBy(line) === formCode && (!seq || line.seq === seq));
    const issuingAction = issuing.at(-1) ?? null;
    if (formCode !== '06' && !issuingAction) throw formNotIssued(code, formCode, seq);
    // Once issued, a form is served as it was signed at the moment of its action.
    if (issuingAction) {
      const stored = await this.dataSource
        .getRepository(IssuedFormEntity)
        .findOneBy({ dossierCode: code, formCode, actionSeq: issuingAction.seq });
      if (stored) return { pdf: stored.pdf, fileName: stored.fileName };
    }
    const agency = await this.agencies.get(dossier.agencyCode);
    const parentAgency = agency?.parentCode ? await this.agencies.get(agency.parentCode) : undefined;
    const printed = await printDossierForm({
      formCode,
      dossier,
      actions,
      issuingAction,
      agency,
      parentAgency,
      printedAt: issuingAction?.at ?? new Date(),
    });
    const pdf = await this.signer.signIfConfigured(dossier.agencyCode, printed.pdf, printed.title);
    return { pdf, fileName: printed.fileName };
  }
}
