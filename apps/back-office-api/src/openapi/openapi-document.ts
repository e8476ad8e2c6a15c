import { Logger, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeHealth } from './health-operation.js';
import { applyConventions } from './openapi-conventions.js';
import { routeFacts } from './route-facts.js';

const DESCRIPTION = `Internal API of the health insurance society (健康保険組合): members, benefit claims, payouts, compliance.

Errors are application/problem+json with a stable \`code\` and \`violations\` naming each field and rule. Commands take
\`Idempotency-Key\` (a retry replays the first answer) and \`If-Match: "<revision>"\` (the ETag); queries of read models
take \`minPosition\` / \`X-Min-Position\` to read your own write. Lists answer \`{items, nextCursor}\`.`;

/** Written by tools/openapi-metadata.mjs before `tsc -b` (npm run build); a variable keeps tsc from requiring it. */
const PLUGIN_METADATA = './openapi.metadata.js';

async function loadPluginMetadata(): Promise<void> {
  try {
    const metadata = (await import(`.${PLUGIN_METADATA}`)) as {
      default: Parameters<typeof SwaggerModule.loadPluginMetadata>[0];
    };
    await SwaggerModule.loadPluginMetadata(metadata.default);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    new Logger('OpenAPI').warn('openapi.metadata.js is missing: run npm run build; schemas will be incomplete');
  }
}

/** The OpenAPI description of the API, from the code: decorators, the CLI plugin's metadata and our conventions. */
export async function openApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  await loadPluginMetadata();
  describeHealth();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('kenpo back office')
      .setDescription(DESCRIPTION)
      .setVersion('1')
      .setLicense('Proprietary', 'https://example.invalid/kenpo/license')
      .addServer('/', 'this server')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .build(),
  );
  return applyConventions(document, routeFacts(app));
}
