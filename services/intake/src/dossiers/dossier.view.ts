import { isFinished, isOverdue, allowedActions } from './workflow/dossier-workflow';
import { DossierEntity } from './dossier.entity';

/** The dossier as the API shows it (ARCHITECTURE.md §6); `overdue` is derived at `now`, never stored. */
export function toDossierView(dossier: DossierEntity, now = new Date(), elapsedWorkingMinutes?: number) {
  const a = dossier.applicant;
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
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
    // An online dossier nobody accepted or answered within 8 working hours (Decree 45/2020).
    confirmationOverdue:
      !!dossier.confirmationDueAt &&
      (dossier.status === 'SUBMITTED'
        ? now.getTime() > dossier.confirmationDueAt.getTime()
        : !!dossier.acceptedAt && dossier.acceptedAt.getTime() > dossier.confirmationDueAt.getTime()),
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

export type DossierView = ReturnType<typeof toDossierView>;
