import { HttpStatus } from '@nestjs/common';
import type { DocumentDigitizedV1 } from '@motcua/contracts';
import { localized, ProblemException } from '@motcua/http';

type DocumentKind = DocumentDigitizedV1['kind'];

/**
 * Statuses in which the applicant's documents (APPLICATION, SUPPORTING: uploads, corrections and reuses) are
 * closed: the dossier was decided, returned or ended, and what it was decided on must stay what it was.
 */
const CLOSED_TO_APPLICANT_DOCUMENTS: ReadonlySet<string> = new Set([
  'RESOLVED',
  'RETURNED',
  'REJECTED',
  'WITHDRAWN',
  'STOPPED',
]);

/**
 * The only statuses in which a RESULT is stored: while the agency processes the dossier, and once it is resolved
 * (the result is issued with the decision, and may be corrected until it is handed over). Not before processing,
 * not after RETURNED, and not for a REJECTED, WITHDRAWN or STOPPED dossier: a RESULT becomes a record of the
 * applicant that later dossiers reuse as the outcome of the procedure, and a refusal (form 03) or a notice of
 * stopping (form 05) is no such outcome; its reason travels with intake's REJECT/STOP action instead.
 */
const OPEN_TO_RESULTS: ReadonlySet<string> = new Set(['PROCESSING', 'RESOLVED']);

/**
 * Why a document of `kind` may not be added to a dossier in `status`, or null when it may. A status not learned yet
 * (NULL: dossiers known from before statuses were tracked) refuses nothing; a status value this service does not
 * know opens nothing to results (they are allowed only in the statuses named above).
 */
export function statusRefusal(status: string | null, kind: DocumentKind): ProblemException | null {
  if (status === null) return null;
  const refused =
    kind === 'RESULT' ? !OPEN_TO_RESULTS.has(status) : CLOSED_TO_APPLICANT_DOCUMENTS.has(status);
  if (!refused) return null;
  const detail =
    kind === 'RESULT'
      ? localized(
          `The dossier is ${status}: a RESULT is stored only while it is PROCESSING or RESOLVED.`,
          `Hồ sơ đang ở trạng thái ${status}: tài liệu kết quả (RESULT) chỉ được lưu khi hồ sơ PROCESSING hoặc RESOLVED.`,
        )
      : localized(
          `The dossier is ${status}: its ${kind} documents can no longer be added, corrected or reused.`,
          `Hồ sơ đang ở trạng thái ${status}: không thể thêm, chỉnh sửa hay dùng lại tài liệu ${kind} của hồ sơ nữa.`,
        );
  return new ProblemException(HttpStatus.CONFLICT, `dossier-${statusSlug(status)}`, detail, [], {
    dossierStatus: status,
  });
}

export function assertDossierAccepts(status: string | null, kind: DocumentKind): void {
  const refusal = statusRefusal(status, kind);
  if (refusal) throw refusal;
}

/** `SUPPLEMENT_REQUESTED` → `supplement-requested`; anything odd in an unknown value becomes a dash. */
function statusSlug(status: string): string {
  return (
    status
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'status-unknown'
  );
}
