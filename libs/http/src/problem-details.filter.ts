import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailableError } from '@motcua/persistence';
import {
  isLocalizedText,
  localized,
  negotiateLanguage,
  type Language,
  type LocalizedText,
} from './i18n/language';
import { FieldError, FieldErrorDetails, ProblemDetails, ProblemException, problemType } from './problem';

/** What a 503 tells the client to wait before retrying, unless the code that refused set its own. */
const RETRY_AFTER_SECONDS = '5';

const TITLES: Record<number, LocalizedText> = {
  400: localized('Bad Request', 'Yêu cầu không hợp lệ'),
  401: localized('Unauthorized', 'Chưa xác thực'),
  403: localized('Forbidden', 'Không có quyền'),
  404: localized('Not Found', 'Không tìm thấy'),
  405: localized('Method Not Allowed', 'Phương thức không được hỗ trợ'),
  406: localized('Not Acceptable', 'Không đáp ứng được định dạng yêu cầu'),
  409: localized('Conflict', 'Xung đột với trạng thái hiện tại'),
  413: localized('Content Too Large', 'Nội dung quá lớn'),
  415: localized('Unsupported Media Type', 'Kiểu nội dung không được hỗ trợ'),
  416: localized('Range Not Satisfiable', 'Khoảng dữ liệu yêu cầu không hợp lệ'),
  422: localized('Unprocessable Content', 'Không thể xử lý theo quy định'),
  428: localized('Precondition Required', 'Thiếu điều kiện tiên quyết'),
  429: localized('Too Many Requests', 'Quá nhiều yêu cầu'),
  500: localized('Internal Server Error', 'Lỗi hệ thống'),
  503: localized('Service Unavailable', 'Dịch vụ tạm thời không sẵn sàng'),
};
const ERROR_TITLE = localized('Error', 'Lỗi');

/** What a framework error (no text of ours) says, per status. */
const GENERIC_DETAILS: Record<number, LocalizedText> = {
  400: localized('The request was not understood.', 'Không hiểu được yêu cầu.'),
  401: localized('A valid bearer token is required.', 'Cần một mã truy cập (bearer token) hợp lệ.'),
  403: localized('The request is not allowed.', 'Yêu cầu này không được phép.'),
  404: localized('There is no such resource.', 'Không có tài nguyên này.'),
  405: localized('This method is not allowed here.', 'Phương thức này không được dùng ở đây.'),
  413: localized(
    'The request body is larger than this endpoint accepts.',
    'Nội dung yêu cầu lớn hơn mức cho phép của điểm cuối này.',
  ),
  415: localized(
    'The body is of a type this endpoint does not accept.',
    'Kiểu nội dung không được chấp nhận.',
  ),
};
const NOT_JSON = localized('The request body is not valid JSON.', 'Nội dung yêu cầu không phải JSON hợp lệ.');
const NOT_COMPLETED = localized(
  'The service could not complete the request.',
  'Dịch vụ không thể hoàn thành yêu cầu.',
);
const DATABASE_DOWN = localized(
  'The service cannot reach its database right now. Try again shortly (with the same Idempotency-Key).',
  'Dịch vụ tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút (với cùng Idempotency-Key).',
);
const BUG = localized(
  'The service could not complete the request. It has been logged.',
  'Dịch vụ không thể hoàn thành yêu cầu. Lỗi đã được ghi lại.',
);

/** A problem before the request's language is applied. */
interface LocalizedProblem {
  type: string;
  title: LocalizedText;
  status: number;
  detail: LocalizedText;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
}

/** RFC 6901 pointer, in the URI-fragment form RFC 9457 uses: `documents[0].type` → `#/documents/0/type`. */
export function jsonPointerOf(field: string): string {
  const tokens = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((token) => token !== '');
  if (tokens.length === 0) return '#';
  return `#/${tokens.map((token) => encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

function fieldErrorDetails(error: FieldError, language: Language): FieldErrorDetails {
  const location = error.in ?? 'body';
  return {
    field: error.field,
    message: error.message[language],
    ...(location === 'body'
      ? { pointer: jsonPointerOf(error.field) }
      : location === 'header'
        ? { header: error.field }
        : { parameter: error.field }),
  };
}

/** Extensions may hold LocalizedText anywhere (e.g. each refused dossier of an import): said in one language. */
function inLanguage(value: unknown, language: Language): unknown {
  if (isLocalizedText(value)) return value[language];
  if (Array.isArray(value)) return value.map((item) => inLanguage(item, language));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inLanguage(item, language)]));
  }
  return value;
}

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'content-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  429: 'too-many-requests',
  503: 'unavailable',
};

/** http-errors style errors from Express middleware that Nest did not map to an HttpException. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  expose?: boolean;
}

/** A framework exception's own text, with the generic Vietnamese sentence of its status. */
function messageOf(exception: HttpException, status: number): LocalizedText {
  const response = exception.getResponse();
  // Libraries below libs/http (libs/auth) throw Nest's exceptions with a LocalizedText as their response.
  if (isLocalizedText(response)) return response;
  const message =
    typeof response === 'string'
      ? response
      : ((response as { message?: unknown }).message ?? exception.message);
  const english = Array.isArray(message) ? message.join('; ') : String(message);
  return localized(english, (GENERIC_DETAILS[status] ?? GENERIC_DETAILS[400]).vi);
}

/** Every error leaves the service as RFC 9457 problem details; a 5xx never leaks internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const localizedProblem = this.toProblem(exception);
    const language = negotiateLanguage(request.headers?.['accept-language']);
    const problem: ProblemDetails = {
      type: localizedProblem.type,
      title: localizedProblem.title[language],
      status: localizedProblem.status,
      detail: localizedProblem.detail[language],
      instance: request.originalUrl?.split('?')[0],
      ...(localizedProblem.errors?.length
        ? { errors: localizedProblem.errors.map((error) => fieldErrorDetails(error, language)) }
        : {}),
      ...(inLanguage(localizedProblem.extensions ?? {}, language) as Record<string, unknown>),
    };
    if (problem.status >= 500) {
      this.logger.error({ err: exception, method: request.method, path: problem.instance }, 'request failed');
    }
    if (response.headersSent) return;
    // A 503 always says when to come back (RFC 9110 §10.2.3): retrying clients (the portal) back off instead of hammering.
    if (problem.status === 503 && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    }
    // The same URL answers in the language asked for: caches must key on it (RFC 9110 §12.5.5).
    response.setHeader('Content-Language', language);
    response.setHeader('Vary', 'Accept-Language');
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): LocalizedProblem {
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      return {
        type: problemType(exception.slug),
        title: TITLES[status] ?? ERROR_TITLE,
        status,
        detail: exception.detail,
        errors: exception.errors,
        extensions: exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: SLUGS[status] ? problemType(SLUGS[status]) : 'about:blank',
        title: TITLES[status] ?? ERROR_TITLE,
        status,
        detail: status >= 500 ? NOT_COMPLETED : messageOf(exception, status),
      };
    }
    if (isDatabaseUnavailableError(exception)) {
      return {
        type: problemType('database-unavailable'),
        title: TITLES[HttpStatus.SERVICE_UNAVAILABLE],
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: DATABASE_DOWN,
      };
    }
    const httpLike = exception as HttpLikeError;
    const status = httpLike?.status ?? httpLike?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        httpLike.type === 'entity.parse.failed'
          ? NOT_JSON
          : httpLike.type === 'entity.too.large'
            ? GENERIC_DETAILS[413]
            : localized(
                httpLike.message ?? GENERIC_DETAILS[400].en,
                (GENERIC_DETAILS[status] ?? GENERIC_DETAILS[400]).vi,
              );
      return {
        type: problemType(SLUGS[status] ?? 'bad-request'),
        title: TITLES[status] ?? ERROR_TITLE,
        status,
        detail,
      };
    }
    return {
      type: 'about:blank',
      title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: BUG,
    };
  }
}
