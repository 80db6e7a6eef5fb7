import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { Request } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { mountApiDocs } from './http/api-docs';
import { ApiErrorFilter } from './http/api-error.filter';
import { queryValidationPipe } from './http/query-validation.pipe';
import { requestLogging } from './http/request-logging.middleware';
import { securityHeaders } from './auth/security-headers.middleware';
import { NestPinoLogger } from './logging/nest-pino-logger';
import type { InfrastructureOptions } from './infrastructure/infrastructure.module';

/** Builds the HTTP application around already-opened storage; main.ts and the tests both use it. */
export async function createApplication(options: InfrastructureOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: new NestPinoLogger(options.logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.use(requestLogging(options.logger));
  app.use(securityHeaders);
  // POST /v1/imports streams its body (a CSC API file may be far larger than the body limit): the JSON parser leaves it be.
  app.useBodyParser('json', {
    limit: options.config.http.bodyLimit,
    type: (incoming: IncomingMessage) => {
      // Express's own request: body-parser runs as its middleware.
      const request = incoming as Request;
      return typeof request.is('application/json') === 'string' && !request.originalUrl.startsWith('/v1/imports');
    },
  });
  app.useGlobalFilters(new ApiErrorFilter(options.logger));
  app.useGlobalPipes(queryValidationPipe());
  mountApiDocs(app);
  return app;
}
