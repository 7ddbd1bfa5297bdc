import { DossierEntity } from './dossier.entity';

/** The dossier as the API shows it (ARCHITECTURE.md §6). */
export function toDossierView(dossier: DossierEntity) {
  const a = dossier.applicant;
  return {
    code: dossier.code,
    status: dossier.status,
    procedureCode: dossier.procedureCode,
    agencyCode: dossier.agencyCode,
    channel: dossier.channel,
    receivedAt: dossier.receivedAt.toISOString(),
    dueAt: dossier.dueAt ? dossier.dueAt.toISOString() : null,
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
    createdAt: dossier.createdAt.toISOString(),
    updatedAt: dossier.updatedAt.toISOString(),
  };
}

export type DossierView = ReturnType<typeof toDossierView>;
