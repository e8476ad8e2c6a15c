import { readFileSync } from 'node:fs';
import { ROLES, type Role } from '@kenpo/kernel';

export const README_ROLES_HEADING = '## Roles';

/**
 * The README's role table (the truth for who may call what, issue 13.7): rows `| `METHOD /path/{param}` | role, … |`
 * under the "## Roles" heading, keyed like discovered endpoints (`post /members/:memberId/benefit-claims`).
 */
export function readmeRoleTable(readmePath = new URL('../../README.md', import.meta.url)): Map<string, Role[]> {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(`\n${README_ROLES_HEADING}\n`);
  if (start < 0) throw new Error(`README.md has no "${README_ROLES_HEADING}" section`);
  const section = text.slice(start + 1).split(/\n## /)[0]!;
  const table = new Map<string, Role[]>();
  for (const line of section.split('\n')) {
    const row = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`\s*\|\s*([^|]+)\|/.exec(line);
    if (!row) continue;
    const roles = row[3]!.trim() === '(public)' ? [] : row[3]!.split(',').map((r) => r.trim());
    const unknown = roles.filter((r) => !ROLES.includes(r as Role));
    if (unknown.length > 0) throw new Error(`README role table: unknown role(s) ${unknown.join(', ')} in ${line}`);
    const key = `${row[1]!.toLowerCase()} ${row[2]!.trim().replace(/\{(\w+)\}/g, ':$1')}`;
    if (table.has(key)) throw new Error(`README role table: ${key} appears twice`);
    table.set(key, roles as Role[]);
  }
  return table;
}
