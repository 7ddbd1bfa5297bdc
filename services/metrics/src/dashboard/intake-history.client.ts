import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { localized, ProblemException } from '@motcua/http';
import { SERVICE_CONFIG } from '@motcua/service-runtime';
import { MetricsConfig } from '../config/metrics.config';

/** Seconds a client should wait before asking again when intake cannot be reached. */
export const INTAKE_RETRY_AFTER_SECONDS = 5;

export interface IntakeAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Reads a dossier's history from intake for the dashboard, with the auditor's own token: intake checks the role
 * and the agency scope, so metrics gains no access of its own. Intake's answer (200 or its problem details) is
 * passed on as is; intake down or too slow is a 503.
 */
@Injectable()
export class IntakeHistoryClient {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: MetricsConfig) {}

  async history(code: string, authorization: string): Promise<IntakeAnswer> {
    const url = `${this.config.INTAKE_URL.replace(/\/$/, '')}/dossiers/${encodeURIComponent(code)}/history`;
    try {
      const response = await fetch(url, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.INTAKE_TIMEOUT_MS),
      });
      if (response.status >= 500) throw new Error(`intake answered ${response.status}`);
      return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? 'application/json',
        body: await response.text(),
      };
    } catch {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'intake-unavailable',
        localized(
          'The intake service, which keeps the dossier histories, cannot be reached; try again shortly.',
          'Không kết nối được dịch vụ tiếp nhận (nơi lưu lịch sử hồ sơ); vui lòng thử lại sau ít phút.',
        ),
        [],
        { retryAfter: INTAKE_RETRY_AFTER_SECONDS },
      );
    }
  }
}
