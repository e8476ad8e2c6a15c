import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBackOffice } from '@kenpo/back-office-api';
import { EventStore } from '@kenpo/event-store';
import { DocumentStore } from '@kenpo/read-models';
import { loadConfig, mintToken, type RedisEndpoint } from '@kenpo/platform';
import { type BusinessDate, type Role, ShiftedClock } from '@kenpo/kernel';
import { startTestRedis, tempDir, type TempDir } from '@kenpo/testing';

export interface TestBackOffice {
  app: NestExpressApplication;
  http: ReturnType<NestExpressApplication['getHttpServer']>;
  events: EventStore;
  documents: DocumentStore;
  dataDir: string;
  /** The private Redis of this system (stop it to test failures). */
  redis: RedisEndpoint;
  /** A bearer token for a user with a role (signed with the test secret). */
  token(role: Role, sub?: string): Promise<string>;
  /** The base URL of this system, listening on a free local port from the first call (for fetch-based clients). */
  baseUrl(): Promise<string>;
  /** Moves the society's "today" (every answer, command and run of this system reads it from this clock). */
  setToday(date: BusinessDate | string): void;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-for-the-e2e-suites-0123456789';

/** The whole system (API + projector + payment worker) on a fresh data directory and a private Redis. */
/** Every log line written by the test systems of this test file (scanned for personal data by the leak tests). */
export const capturedLogLines: string[] = [];
const logSink = {
  write: (line: string) => {
    capturedLogLines.push(line);
  },
};

export async function startTestBackOffice(env: Record<string, string> = {}): Promise<TestBackOffice> {
  const clock = new ShiftedClock();
  const dir: TempDir = tempDir('kenpo-e2e-');
  let redis: RedisEndpoint | undefined;
  try {
    redis = await startTestRedis();
    const config = loadConfig({
      DATA_DIR: dir.path,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      JWT_SECRET: TEST_JWT_SECRET,
      ...env,
    });
    const app = await createBackOffice(config, { url: redis.url }, { logDestination: logSink, clock });
    await app.init();
    const endpoint = redis;
    return {
      app,
      http: app.getHttpServer(),
      events: app.get(EventStore),
      documents: app.get(DocumentStore),
      dataDir: dir.path,
      redis: endpoint,
      token: (role, sub = `${role}-1`) => mintToken(TEST_JWT_SECRET, sub, role),
      setToday: (date) => clock.setToday(date as BusinessDate),
      async baseUrl() {
        if (!app.getHttpServer().listening) await app.listen(0, '127.0.0.1');
        return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      },
      async close() {
        await app.close();
        await endpoint.stop();
        dir.remove();
      },
    };
  } catch (error) {
    await redis?.stop();
    dir.remove();
    throw error;
  }
}
