// npm run openapi [-- --check]: writes openapi.json at the repository root from the code (what /docs-json serves),
// or with --check fails (exit 1) when the committed file differs from what the code describes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@kenpo/platform';
import { AppModule } from '../app.module.js';
import { openApiDocument } from '../openapi/openapi-document.js';
import { parseCli, runCli } from './cli-kit.js';

const USAGE = `usage: npm run openapi [-- --check] [--out <file>]
  writes the OpenAPI description of the API to openapi.json (default: the repository's)
  --check   write nothing; exit 1 when the file differs from the code's description`;

await runCli(USAGE, async () => {
  const { values } = parseCli(USAGE, { options: { check: { type: 'boolean' }, out: { type: 'string' } } });
  const file = values.out ?? join(import.meta.dirname, '../../../../openapi.json');
  // Preview mode: the module graph without instantiating providers (no store, queue or Redis is opened).
  const config = loadConfig({ DATA_DIR: join(import.meta.dirname, '../../../../var/openapi'), PROCESS_ROLES: 'api' });
  const app = await NestFactory.create(await AppModule.register(config, { url: 'redis://127.0.0.1:1' }), {
    preview: true,
    logger: ['error'],
  });
  const text = `${JSON.stringify(await openApiDocument(app), null, 2)}\n`;
  await app.close();
  const committed = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  })();
  if (values.check) {
    if (committed === text) return 0;
    console.error(`${file} differs from the API the code describes: run npm run openapi and commit it`);
    return 1;
  }
  if (committed !== text) writeFileSync(file, text);
  console.error(`${file} ${committed === text ? 'unchanged' : 'written'}`);
  return 0;
});
