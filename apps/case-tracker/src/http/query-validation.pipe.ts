import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/**
 * Validates query-string DTOs (class-validator) and answers the first problem in the API's shape:
 * 400 { error: { code: 'INVALID_PARAMETER', message, field } }. Unknown parameters are refused.
 */
export function queryValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const [first] = flatten(errors);
      const field = first?.property ?? 'query';
      const message = first ? Object.values(first.constraints ?? {})[0] : 'The query is not valid';
      return new BadRequestException({ error: { code: 'INVALID_PARAMETER', message, field } });
    },
  });
}

function flatten(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => (error.constraints ? [error] : flatten(error.children ?? [])));
}
