import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Redis } from 'ioredis';

/** Something that was written somewhere: a log line, a response body, an event, a document, a file, a Redis value. */
export interface Haystack {
  source: string;
  content: string | Buffer;
}

/** The forms a clear number could take if some code re-encoded it: digits, full-width digits, UTF-16, base64, hex. */
function formsOf(number: string): [string, Buffer][] {
  const fullWidth = [...number].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
  return [
    ['digits', Buffer.from(number, 'latin1')],
    ['full-width digits', Buffer.from(fullWidth, 'utf8')],
    ['UTF-16LE digits', Buffer.from(number, 'utf16le')],
    ['base64', Buffer.from(Buffer.from(number).toString('base64'))],
    ['hex', Buffer.from(Buffer.from(number).toString('hex'))],
  ];
}

/** Where a clear number was found, named by source and masked number (the report itself must not leak). */
export function findLeaks(haystacks: readonly Haystack[], numbers: readonly string[]): string[] {
  const needles = numbers.flatMap((n) =>
    formsOf(n).map(([form, bytes]) => ({ label: `********${n.slice(-4)} as ${form}`, bytes })),
  );
  const leaks: string[] = [];
  for (const { source, content } of haystacks) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (const needle of needles) if (bytes.includes(needle.bytes)) leaks.push(`${source}: ${needle.label}`);
  }
  return leaks;
}

/** Every file under a directory, raw (SQLite databases, their -wal and -shm files, secrets, Redis files...). */
export function rawFiles(dir: string): Haystack[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? rawFiles(path)
      : [{ source: `file ${relative(dir, path) || name}`, content: readFileSync(path) }];
  });
}

/** Every value in a Redis database (idempotency answers, BullMQ jobs, ...), by type. */
export async function redisValues(url: string): Promise<Haystack[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const found: Haystack[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.getBuffer(key)
            : type === 'hash'
              ? JSON.stringify(await redis.hgetall(key))
              : type === 'list'
                ? JSON.stringify(await redis.lrange(key, 0, -1))
                : type === 'set'
                  ? JSON.stringify(await redis.smembers(key))
                  : type === 'zset'
                    ? JSON.stringify(await redis.zrange(key, '0', '-1'))
                    : type === 'stream'
                      ? JSON.stringify(await redis.xrange(key, '-', '+'))
                      : '';
        found.push({ source: `redis ${type} ${key}`, content: value ?? '' });
      }
    } while (cursor !== '0');
    return found;
  } finally {
    redis.disconnect();
  }
}
