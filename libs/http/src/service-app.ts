import { CallHandler, ExecutionContext, HttpStatus, INestApplication, NestInterceptor } from '@nestjs/common';
import { json } from 'body-parser';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Observable } from 'rxjs';
import { httpMetricsMiddleware, initMetrics, NestPinoLogger } from '@motcua/observability';
import { buildOpenApiDocument } from './openapi';
import { localized } from './i18n/language';
import { ProblemException } from './problem';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

export interface ServiceAppOptions {
  serviceName: string;
  title: string;
  description: string;
  logger: Logger;
  swagger?: boolean;
  /** Largest JSON body accepted (express `limit` syntax). */
  jsonLimit?: string;
}

/**
 * JSON body parsing whose failures become problem details with a clear message
 * (Nest would otherwise pass on the parser's bare "Unexpected end of JSON input").
 */
function jsonBodyParser(limit: string) {
  const parse = json({ limit, type: ['application/json', 'application/*+json'] });
  return (request: Request, response: Response, next: NextFunction) =>
    parse(request, response, (error?: { type?: string; message?: string; status?: number }) => {
      if (!error) return next();
      if (error.type === 'entity.parse.failed') {
        return next(
          new ProblemException(
            HttpStatus.BAD_REQUEST,
            'malformed-json',
            localized(
              `The request body is not valid JSON (${error.message}).`,
              'Nội dung yêu cầu không phải JSON hợp lệ.',
            ),
          ),
        );
      }
      if (error.type === 'entity.too.large') {
        return next(
          new ProblemException(
            HttpStatus.PAYLOAD_TOO_LARGE,
            'content-too-large',
            localized(`The request body is larger than ${limit}.`, `Nội dung yêu cầu lớn hơn ${limit}.`),
          ),
        );
      }
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return next(
          new ProblemException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            'unsupported-media-type',
            localized(
              error.message ?? 'Unsupported body encoding.',
              'Kiểu mã hoá nội dung không được hỗ trợ.',
            ),
          ),
        );
      }
      return next(error);
    });
}

/**
 * Parses JSON bodies after the guards instead of before them, so a request without a valid token is refused (401)
 * before its body is read: malformed JSON without a token is a 401, not a 400, and an anonymous client cannot make
 * a service parse a megabyte. Public routes pass the guards and get their body parsed as before.
 */
class JsonBodyInterceptor implements NestInterceptor {
  private readonly parse: ReturnType<typeof jsonBodyParser>;

  constructor(limit: string) {
    this.parse = jsonBodyParser(limit);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() === 'http') {
      const http = context.switchToHttp();
      await new Promise<void>((resolve, reject) =>
        this.parse(http.getRequest<Request>(), http.getResponse<Response>(), (error?: unknown) =>
          error ? reject(error) : resolve(),
        ),
      );
    }
    return next.handle();
  }
}

function requestLogger(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (request.path.startsWith('/health') || request.path === '/metrics') return;
      // The path is masked by the logger (it may hold an ID number); the query string is never logged.
      logger.info(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
}

/** One way to build every service's HTTP app: problem details, validation, metrics, logs, OpenAPI at /docs. */
export async function createServiceApp(
  module: unknown,
  options: ServiceAppOptions,
): Promise<INestApplication> {
  initMetrics(options.serviceName);
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    logger: new NestPinoLogger(options.logger.child({ component: 'nest' })),
    bodyParser: false,
  });
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(httpMetricsMiddleware());
  app.use(requestLogger(options.logger));
  app.useGlobalInterceptors(new JsonBodyInterceptor(options.jsonLimit ?? '1mb'));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(options.logger));
  app.enableShutdownHooks();
  if (options.swagger ?? true) {
    const document = buildOpenApiDocument(app, options);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}
