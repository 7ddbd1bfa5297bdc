import { isFinished, isOverdue, allowedActions } from './workflow/dossier-workflow';
import { DossierEntity } from './dossier.entity';
import { confirmationOutcome, ConfirmationOutcome } from './workflow/online-confirmation';
import type { DossierResponse } from './dossier.response';

/** The dossier's 8-working-hour confirmation (Decree 45/2020) as of `now`. */
export function confirmationOutcomeOf(dossier: DossierEntity, now: Date): ConfirmationOutcome {
  return confirmationOutcome(
    { dueAt: dossier.confirmationDueAt, confirmedAt: dossier.confirmedAt, late: dossier.confirmationLate },
    dossier.status,
    now,
  );
}

/** The dossier as the API shows it (ARCHITECTURE.md §6); `overdue` is derived at `now`, never stored. */
export function toDossierView(
  dossier: DossierEntity,
  now = new Date(),
  elapsedWorkingMinutes?: number,
): DossierResponse {
  const a = dossier.applicant;
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  const confirmation = confirmationOutcomeOf(dossier, now);
  return {
    code: dossier.code,
    status: dossier.status,
    procedureCode: dossier.procedureCode,
    procedureName: dossier.procedureName,
    agencyCode: dossier.agencyCode,
    channel: dossier.channel,
    receivedAt: dossier.receivedAt.toISOString(),
    dueAt: iso(dossier.dueAt),
    overdue: isOverdue(dossier, now),
    late:
      dossier.lateByRule ||
      (!!dossier.dueAt &&
        (dossier.finishedAt ?? now).getTime() > dossier.dueAt.getTime() &&
        isFinished(dossier.status)),
    confirmationDueAt: iso(dossier.confirmationDueAt),
    confirmedAt: iso(dossier.confirmedAt),
    // An online dossier not accepted, refused or asked for a supplement within 8 working hours, in any round.
    confirmationOverdue: confirmation === 'LATE',
    confirmationOutcome: confirmation,
    allowedActions: allowedActions(dossier.status),
    applicant: {
      idNumber: a.idNumber,
      fullName: a.fullName,
      dateOfBirth: a.dateOfBirth,
      ...(a.sex ? { sex: a.sex } : {}),
      ...(a.phone ? { phone: a.phone } : {}),
      ...(a.email ? { email: a.email } : {}),
      ...(a.address ? { address: a.address } : {}),
    },
    applicantVerification: {
      status: dossier.applicantVerificationStatus,
      mismatches: dossier.applicantVerificationMismatches,
    },
    components: dossier.components,
    results: dossier.results,
    sla: {
      processingLimit: Number(dossier.processingLimit),
      limitUnit: dossier.limitUnit,
      rulesEffectiveFrom: dossier.rulesEffectiveFrom,
      supplementRequests: dossier.supplementRequests,
      apologized: dossier.apologized,
      ...(elapsedWorkingMinutes === undefined
        ? {}
        : { elapsedWorkingMinutes: Math.round(elapsedWorkingMinutes) }),
    },
    fee: { amountVnd: dossier.feeVnd, paymentStatus: dossier.paymentStatus, paidAt: iso(dossier.paidAt) },
    feedback: dossier.satisfaction
      ? {
          satisfaction: dossier.satisfaction,
          complaint: dossier.complaint,
          recordedAt: iso(dossier.feedbackAt),
        }
      : null,
    imported: dossier.imported,
    createdAt: dossier.createdAt.toISOString(),
    updatedAt: dossier.updatedAt.toISOString(),
  };
}

export type DossierView = DossierResponse;
