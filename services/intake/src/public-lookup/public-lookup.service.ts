import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { localized, ProblemException } from '@motcua/http';
import { maskName } from '@motcua/observability';
import { DOSSIER_CODE_PATTERN } from '../dossiers/dossier-code';
import { DossierEntity } from '../dossiers/dossier.entity';
import { isOverdue } from '../dossiers/workflow/dossier-workflow';
import { phoneLast4Matches } from './phone-last4';
import { PublicDossierStatusView } from './public-dossier-status.view';
import { STATUS_LABELS_VI } from './status-labels';

const MAX_CODE_LENGTH = 64;

/**
 * The one answer to every miss (unknown code, wrong, missing or unverifiable phone digits), so the
 * endpoint cannot be used to find out which codes exist.
 */
function notFound(): ProblemException {
  return new ProblemException(
    HttpStatus.NOT_FOUND,
    'dossier-not-found',
    localized(
      'No dossier matches this code and the last four digits of the phone number.',
      'Không có hồ sơ nào khớp với mã này và bốn số cuối của số điện thoại.',
    ),
  );
}

@Injectable()
export class PublicLookupService {
  constructor(private readonly dataSource: DataSource) {}

  async lookup(
    code: string,
    phoneLast4: string | undefined,
    asOf = new Date(),
  ): Promise<PublicDossierStatusView> {
    const dossier =
      code.length <= MAX_CODE_LENGTH && DOSSIER_CODE_PATTERN.test(code)
        ? await this.dataSource.getRepository(DossierEntity).findOne({
            where: { code },
            // Only what the answer needs: the rest of the applicant's data never leaves the database.
            select: {
              code: true,
              status: true,
              procedureCode: true,
              procedureName: true,
              receivedAt: true,
              dueAt: true,
              applicant: { fullName: true, phone: true },
            },
          })
        : null;
    // Compared even when there is no dossier, so a miss takes the same path as a wrong guess.
    const matches = phoneLast4Matches(dossier?.applicant.phone ?? null, phoneLast4);
    if (!dossier || !matches) throw notFound();
    return {
      code: dossier.code,
      status: dossier.status,
      statusLabelVi: STATUS_LABELS_VI[dossier.status],
      procedureCode: dossier.procedureCode,
      ...(dossier.procedureName ? { procedureName: dossier.procedureName } : {}),
      receivedAt: dossier.receivedAt.toISOString(),
      dueAt: dossier.dueAt ? dossier.dueAt.toISOString() : null,
      applicantName: maskName(dossier.applicant.fullName),
      overdue: isOverdue(dossier, asOf),
    };
  }
}
