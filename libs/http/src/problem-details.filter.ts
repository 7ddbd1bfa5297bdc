import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailableError } from '@motcua/persistence';
import { ProblemDetails, ProblemException, problemType } from './problem';

/** What a 503 tells the client to wait before retrying, unless the code that refused set its own. */
const RETRY_AFTER_SECONDS = '5';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

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

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Every error leaves the service as RFC 9457 problem details; a 5xx never leaks internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    if (problem.status >= 500) {
      this.logger.error({ err: exception, method: request.method, path: problem.instance }, 'request failed');
    }
    if (response.headersSent) return;
    // A 503 always says when to come back (RFC 9110 §10.2.3): retrying clients (the portal) back off instead of hammering.
    if (problem.status === 503 && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
    }
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) {
      const status = exception.getStatus();
      return {
        type: problemType(exception.slug),
        title: TITLES[status] ?? 'Error',
        status,
        detail: exception.message,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
        ...exception.extensions,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: SLUGS[status] ? problemType(SLUGS[status]) : 'about:blank',
        title: TITLES[status] ?? 'Error',
        status,
        detail: status >= 500 ? 'The service could not complete the request.' : messageOf(exception),
      };
    }
    if (isDatabaseUnavailableError(exception)) {
      return {
        type: problemType('database-unavailable'),
        title: TITLES[HttpStatus.SERVICE_UNAVAILABLE],
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail:
          'The service cannot reach its database right now. Try again shortly (with the same Idempotency-Key).',
      };
    }
    const httpLike = exception as HttpLikeError;
    const status = httpLike?.status ?? httpLike?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail =
        httpLike.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : httpLike.type === 'entity.too.large'
            ? 'The request body is larger than this endpoint accepts.'
            : (httpLike.message ?? 'The request was not understood.');
      return {
        type: problemType(SLUGS[status] ?? 'bad-request'),
        title: TITLES[status] ?? 'Error',
        status,
        detail,
      };
    }
    return {
      type: 'about:blank',
      title: TITLES[HttpStatus.INTERNAL_SERVER_ERROR],
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      detail: 'The service could not complete the request. It has been logged.',
    };
  }
}
