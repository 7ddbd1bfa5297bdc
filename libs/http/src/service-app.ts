import { HttpStatus, INestApplication } from '@nestjs/common';
import { json } from 'body-parser';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { httpMetricsMiddleware, initMetrics, NestPinoLogger } from '@motcua/observability';
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
            `The request body is not valid JSON (${error.message}).`,
          ),
        );
      }
      if (error.type === 'entity.too.large') {
        return next(
          new ProblemException(
            HttpStatus.PAYLOAD_TOO_LARGE,
            'content-too-large',
            `The request body is larger than ${limit}.`,
          ),
        );
      }
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return next(
          new ProblemException(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            'unsupported-media-type',
            error.message ?? 'Unsupported body encoding.',
          ),
        );
      }
      return next(error);
    });
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
  app.use(jsonBodyParser(options.jsonLimit ?? '1mb'));
  app.use(httpMetricsMiddleware());
  app.use(requestLogger(options.logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(options.logger));
  app.enableShutdownHooks();
  if (options.swagger ?? true) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.title)
        .setDescription(options.description)
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .addSecurityRequirements('bearer')
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}
