// Writes libs/api-client/src/openapi.ts: the TypeScript types of openapi.json (openapi-typescript), which the typed
// client and the end-to-end tests are compiled against. Only when openapi.json is newer than the types.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { ROOT } from './build-state.mjs';

const SPEC = join(ROOT, 'openapi.json');
const TYPES = join(ROOT, 'libs/api-client/src/openapi.ts');
const HEADER = `// Generated from openapi.json by tools/api-client.mjs (npm run build): do not edit, do not commit.\n\n`;

export async function generateClientTypesIfStale() {
  if (
    existsSync(TYPES) &&
    statSync(TYPES).mtimeMs > Math.max(statSync(SPEC).mtimeMs, statSync(import.meta.filename).mtimeMs)
  )
    return false;
  const ast = await openapiTS(new URL(`file://${SPEC}`), { alphabetize: false });
  writeFileSync(TYPES, HEADER + astToString(ast));
  console.error(`${relative(ROOT, TYPES)} generated`);
  return true;
}

if (process.argv[1] === import.meta.filename) await generateClientTypesIfStale();
