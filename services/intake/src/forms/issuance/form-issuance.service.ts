import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { EntityManager } from 'typeorm';
import { createCloudEvent, EventTypes } from '@motcua/contracts';
import { appendToOutbox, MESSAGING_OPTIONS, MessagingModuleOptions } from '@motcua/messaging';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { AgencyService } from '../../agencies/agency.service';
import { IntakeConfig } from '../../config/intake.config';
import { DossierActionEntity } from '../../dossiers/dossier-action.entity';
import { EVENT_SOURCE } from '../../dossiers/dossier-events';
import { DossierEntity } from '../../dossiers/dossier.entity';
import { formIssuedBy, type IssuedFormCode } from '../form-codes';
import type { PrintedForm } from '../printed-form';
import { FormNotPrintable } from '../printing/dossier-forms';
import {
  FormSigningUnavailable,
  FormTimestampUnavailable,
  OrganisationFormSigner,
} from '../signing/organisation-form-signer';
import { FormIssuancePendingEntity, IssuedFormEntity } from './issued-form.entity';
import { FormPrinter } from './form-printer';

const MAX_RETRY_DELAY_MS = 3600_000;

/**
 * Issues the forms a dossier's control sheet calls for and that are not issued yet. Runs in the inbox
 * transaction of a dossier event; reconciling the whole sheet (rather than trusting one event to name one line)
 * means a lost, reordered or replayed event can neither skip nor duplicate a form: the unique key on
 * (dossier, form, seq) and the check below make each line's form exist once.
 */
@Injectable()
export class FormIssuanceService {
  private readonly logger: Logger;

  constructor(
    private readonly agencies: AgencyService,
    private readonly signer: OrganisationFormSigner,
    private readonly printer: FormPrinter,
    @Inject(SERVICE_CONFIG) private readonly config: IntakeConfig,
    @Inject(MESSAGING_OPTIONS) messaging: MessagingModuleOptions,
  ) {
    this.logger = messaging.logger.child({ component: 'form-issuance' });
  }

  /**
   * Returns the seqs of the lines whose form this call issued. A form that cannot be signed yet leaves the dossier
   * in form_issuance_pending (retried by FormIssuanceRetry with backoff); a dossier whose forms are all issued
   * leaves it.
   */
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
    const pending = actions.flatMap((line) => {
      const formCode = formIssuedBy(line);
      return formCode !== null && !done.has(`${formCode}:${line.seq}`) ? [{ line, formCode }] : [];
    });
    if (pending.length === 0) {
      await manager.delete(FormIssuancePendingEntity, { dossierCode });
      return [];
    }

    const agency = await this.agencies.get(dossier.agencyCode);
    const parentAgency = agency?.parentCode ? await this.agencies.get(agency.parentCode) : undefined;
    const seqs: number[] = [];
    let deferred: string | undefined;
    for (const { line, formCode } of pending) {
      const signed = await this.printAndSign({ formCode, dossier, actions, line, agency, parentAgency });
      if ('deferred' in signed) {
        deferred ??= signed.deferred;
        continue;
      }
      if ('skipped' in signed) continue;
      if (await this.store(manager, dossier, line, formCode, signed)) seqs.push(line.seq);
    }
    if (deferred) await this.defer(manager, dossierCode, deferred);
    else await manager.delete(FormIssuancePendingEntity, { dossierCode });
    return seqs;
  }

  /** Remembers the dossier for a later attempt: the interval doubles with each attempt, up to an hour. */
  private async defer(manager: EntityManager, dossierCode: string, reason: string): Promise<void> {
    await manager.query(
      `INSERT INTO form_issuance_pending (dossier_code, reason, next_at)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (dossier_code) DO UPDATE SET
         reason = EXCLUDED.reason,
         attempts = form_issuance_pending.attempts + 1,
         next_at = now() + make_interval(secs => least($3::double precision * 2 ^ least(form_issuance_pending.attempts + 1, 20), $4) / 1000)`,
      [dossierCode, reason, this.config.FORM_ISSUANCE_RETRY_MS, MAX_RETRY_DELAY_MS],
    );
  }

  /**
   * The signed form; `deferred` when it cannot be signed now, the agency's credentials missing or the timestamp
   * authority away (retried later from form_issuance_pending: retrying here would hold every other dossier of the
   * partition behind it); `skipped` when the form did not exist when the action happened (nothing to issue, ever).
   */
  private async printAndSign(args: {
    formCode: IssuedFormCode;
    dossier: DossierEntity;
    actions: DossierActionEntity[];
    line: DossierActionEntity;
    agency: Awaited<ReturnType<AgencyService['get']>>;
    parentAgency: Awaited<ReturnType<AgencyService['get']>>;
  }) {
    const { formCode, dossier, line } = args;
    try {
      const printed = await this.printer.print({
        formCode,
        dossier,
        actions: args.actions,
        issuingAction: line,
        agency: args.agency,
        parentAgency: args.parentAgency,
        printedAt: line.at,
      });
      const pdf = await this.signer.sign({
        agencyCode: dossier.agencyCode,
        pdf: printed.pdf,
        reason: printed.title,
        signedAt: new Date(),
      });
      return { printed, pdf };
    } catch (error) {
      const unsigned = error instanceof FormSigningUnavailable || error instanceof FormTimestampUnavailable;
      if (!unsigned && !(error instanceof FormNotPrintable)) throw error;
      this.logger.warn(
        {
          dossierCode: dossier.code,
          formCode,
          seq: line.seq,
          agencyCode: dossier.agencyCode,
          reason: error.message,
        },
        unsigned
          ? 'form not issued yet: it cannot be signed now, retried later'
          : 'form not issued: no template then',
      );
      return unsigned ? { deferred: error.message } : { skipped: true as const };
    }
  }

  /** Stores the form and announces it; false when another instance issued it first (its event counts). */
  private async store(
    manager: EntityManager,
    dossier: DossierEntity,
    line: DossierActionEntity,
    formCode: IssuedFormCode,
    { printed, pdf }: { printed: PrintedForm; pdf: Buffer },
  ): Promise<boolean> {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IssuedFormEntity)
      .values({
        dossierCode: dossier.code,
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
    if ((inserted.raw as unknown[]).length === 0) return false;
    await appendToOutbox(manager, [
      createCloudEvent({
        type: EventTypes.DossierFormIssuedV1,
        source: EVENT_SOURCE,
        subject: dossier.code,
        time: line.at,
        data: {
          code: dossier.code,
          dossierCode: dossier.code,
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
    return true;
  }
}
