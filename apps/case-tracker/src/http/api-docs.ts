import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { envelopeJsonSchema } from '@csc/contracts';

/**
 * OpenAPI at /docs (JSON at /docs-json). The event envelopes are the contract's own JSON Schemas
 * (2020-12, as OpenAPI 3.1 allows), so the documentation cannot drift from the validators.
 */
export function mountApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle("Children's social care case tracker")
    .setDescription(
      'Case events in; timeliness, continuity, waiting times, caseloads and child trackers out. Every event envelope is validated against the published contract.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  (document as { openapi: string }).openapi = '3.1.0';
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...envelopeSchemas() } };
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** The envelope schema and each event type's, with references rewritten to the OpenAPI components. */
function envelopeSchemas(): Record<string, object> {
  const { $schema: _schema, $id: _id, $defs, ...envelope } = envelopeJsonSchema() as Record<string, unknown> & { $defs?: Record<string, unknown> };
  const rewrite = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\//g, '"#/components/schemas/'));
  return { CaseEventEnvelope: rewrite(envelope), ...rewrite($defs ?? {}) };
}
