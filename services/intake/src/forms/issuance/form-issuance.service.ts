import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createCloudEvent, EventTypes } from '@motcua/contracts';
import { appendToOutbox } from '@motcua/messaging';
import { AgencyEntity } from '../../agencies/agency.entity';
import { DossierActionEntity } from '../../dossiers/dossier-action.entity';
import { EVENT_SOURCE } from '../../dossiers/dossier-events';
import { DossierEntity } from '../../dossiers/dossier.entity';
import { formIssuedBy } from '../form-codes';
import { FORM_SIGNER, FormSigner } from '../form-signer';
import { DOSSIER_FORM_PRINTER, DossierFormPrinter } from '../printed-form';
import { IssuedFormEntity } from './issued-form.entity';

/**
 * Issues the forms a dossier's control sheet calls for and that are not issued yet. Runs in the inbox
 * transaction of a dossier event; reconciling the whole sheet (rather than trusting one event to name one line)
 * means a lost, reordered or replayed event can neither skip nor duplicate a form: the unique key on
 * (dossier, form, seq) and the check below make each line's form exist once.
 */
@Injectable()
export class FormIssuanceService {
  constructor(
    @Inject(DOSSIER_FORM_PRINTER) private readonly print: DossierFormPrinter,
    @Inject(FORM_SIGNER) private readonly signer: FormSigner,
  ) {}

  /** Returns the seqs of the lines whose form this call issued. */
  async issueMissing(manager: EntityManager, dossierCode: string): Promise<number[]> {
    const dossier = await manager.findOneBy(DossierEntity, { code: dossierCode });
    if (!dossier) return [];
    const actions = await manager.find(DossierActionEntity, {
      where: { dossierCode },
      order: { seq: 'ASC' },
    });
    const issued = await manager.find(IssuedFormEntity, {
      where: { dossierCode },
      select: { actionSeq: true, formCode: true },
    });
    const done = new Set(issued.map((f) => `${f.formCode}:${f.actionSeq}`));
    const pending = actions.filter((line) => {
      const formCode = formIssuedBy(line);
      return formCode !== null && !done.has(`${formCode}:${line.seq}`);
    });
    if (pending.length === 0) return [];

    const agency = (await manager.findOneBy(AgencyEntity, { code: dossier.agencyCode })) ?? undefined;
    const parentAgency = agency?.parentCode
      ? ((await manager.findOneBy(AgencyEntity, { code: agency.parentCode })) ?? undefined)
      : undefined;

    const seqs: number[] = [];
    for (const line of pending) {
      // Non-null: `pending` keeps only lines that issue a form.
      const formCode = formIssuedBy(line)!;
      const printed = await this.print({
        formCode,
        dossier,
        actions,
        issuingAction: line,
        agency,
        parentAgency,
        printedAt: line.at,
      });
      const pdf = await this.signer.sign({
        agencyCode: dossier.agencyCode,
        pdf: printed.pdf,
        reason: printed.title,
        signedAt: line.at,
      });
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(IssuedFormEntity)
        .values({
          dossierCode,
          formCode,
          actionSeq: line.seq,
          title: printed.title,
          fileName: printed.fileName,
          templateVersion: printed.template.version,
          legalBasis: printed.template.legalBasis,
          templateEffectiveFrom: printed.template.effectiveFrom,
          sha256,
          size: pdf.length,
          pdf,
          issuedAt: line.at,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      // Another instance issued it first (a rebalance mid-batch): its event is the one that counts.
      if (inserted.raw.length === 0) continue;
      await appendToOutbox(manager, [
        createCloudEvent({
          type: EventTypes.DossierFormIssuedV1,
          source: EVENT_SOURCE,
          subject: dossierCode,
          time: line.at,
          data: {
            code: dossierCode,
            dossierCode,
            agencyCode: dossier.agencyCode,
            formCode,
            actionSeq: line.seq,
            action: line.action,
            title: printed.title,
            template: {
              version: printed.template.version,
              legalBasis: printed.template.legalBasis,
              effectiveFrom: printed.template.effectiveFrom,
            },
            fileName: printed.fileName,
            mimeType: 'application/pdf',
            sha256,
            size: pdf.length,
            issuedAt: line.at.toISOString(),
            pdfBase64: pdf.toString('base64'),
          },
        }),
      ]);
      seqs.push(line.seq);
    }
    return seqs;
  }
}
