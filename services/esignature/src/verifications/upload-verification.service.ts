import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { isAgencyCode, Principal } from '@motcua/auth';
import { localized, type LocalizedText, ProblemException, validationProblem } from '@motcua/http';
import { isPdf } from '../verification/verifier';
import { VerificationEntity } from './verification.entity';
import { VerificationRunner } from './verification-runner';
import { VerificationStore } from './verification-store';

const validation = (field: string, message: LocalizedText) => validationProblem([{ field, message }]);

/** Verification of uploaded bytes: a signed PDF, or any file with its detached CMS signature. */
@Injectable()
export class UploadVerificationService {
  constructor(
    private readonly runner: VerificationRunner,
    private readonly store: VerificationStore,
  ) {}

  async verify(
    file: Buffer | undefined,
    signature: Buffer | undefined,
    principal: Principal,
  ): Promise<VerificationEntity> {
    if (!file || file.length === 0)
      throw validation(
        'file',
        localized(
          'file is required (a non-empty part named "file")',
          'file là bắt buộc (một phần không rỗng tên "file")',
        ),
      );
    if (signature !== undefined && signature.length === 0)
      throw validation('signature', localized('signature must not be empty', 'signature không được rỗng'));
    if (!signature && !isPdf(file)) {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'not-a-pdf',
        localized(
          'The file is not a PDF; send a detached signature in a "signature" part to verify another kind of file.',
          'Tệp không phải PDF; để kiểm tra loại tệp khác, hãy gửi chữ ký rời trong phần "signature".',
        ),
      );
    }
    const { report, trustGeneration } = await this.runner.verify(
      signature ? { kind: 'DETACHED_CMS', file, signature } : { kind: 'PDF', file },
    );
    const { verification } = await this.store.dataSourceTransaction((manager) =>
      this.store.save(manager, {
        documentId: null,
        sha256: createHash('sha256').update(file).digest('hex'),
        report,
        trustGeneration,
        requestedBy: principal.sub,
        agencyCode: isAgencyCode(principal.agency) ? principal.agency : null,
      }),
    );
    return verification;
  }
}
