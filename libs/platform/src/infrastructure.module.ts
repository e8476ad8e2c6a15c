import { join } from 'node:path';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, SystemClock } from '@kenpo/kernel';
import { EventStore, EventStoreDbEventStore, SqliteEventStore } from '@kenpo/event-store';
import { DocumentStore, MongoDocumentStore, SqliteDocumentStore } from '@kenpo/read-models';
import {
  ensurePrivateDir,
  ensurePrivateSqliteFile,
  holdMasterKeyShared,
  IndividualNumberVault,
  loadOrCreateMasterKey,
  masterKeyLockFile,
  SqliteIndividualNumberVault,
} from '@kenpo/security';
import { Redis } from 'ioredis';
import { AppConfig } from './config.js';
import { HealthRegistry } from './health.js';
import { BankDirectory, ZenginCodeBankDirectory } from './bank-directory.js';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { REDIS_OPTIONS, type RedisOptions } from './tokens.js';
import { redisPersistence } from './redis.js';
import { createRequestRedis, onRedis, REQUEST_REDIS } from './dependencies/request-redis.js';
import { trackWrites, WriteHealth } from './dependencies/write-health.js';
import { PagingCursors } from './paging/paging-cursors.js';
import { pagingCursorsFor } from './paging/cursor-secret.js';

/**
 * DATA_DIR, created (or tightened) 0700 whatever the umask: it holds personal data and, in development, the keys
 * (issue 14.3). Every store opened under it is created 0600 first.
 */
export function privateDataDir(config: AppConfig): string {
  return ensurePrivateDir(config.dataDir);
}

export function createEventStore(config: AppConfig): EventStore {
  return config.values.EVENT_STORE === 'eventstoredb'
    ? new EventStoreDbEventStore(config.values.EVENTSTORE_CONNECTION_STRING!)
    : SqliteEventStore.open(ensurePrivateSqliteFile(join(privateDataDir(config), 'events.db')), {
        writerThread: config.values.SQLITE_EVENT_WRITER === 'thread',
      });
}

export async function createDocumentStore(config: AppConfig): Promise<DocumentStore> {
  return config.values.READ_STORE === 'mongodb'
    ? MongoDocumentStore.connect(config.values.MONGODB_URI!, config.values.MONGODB_DATABASE)
    : SqliteDocumentStore.open(ensurePrivateSqliteFile(join(privateDataDir(config), 'read-models.db')));
}

/** The development master key's file (MASTER_KEY unset) of a DATA_DIR. */
export function masterKeyFile(config: AppConfig): string {
  return join(config.dataDir, 'secrets', 'master.key');
}

/**
 * The vault under the master key, opened while this process holds the master-key lock shared (until the vault is
 * closed): refused, naming the rotation, while `npm run rotate-master-key` runs on this DATA_DIR (issue 14.4).
 */
export function createVault(config: AppConfig): IndividualNumberVault {
  const lock = holdMasterKeyShared(masterKeyLockFile(privateDataDir(config)));
  try {
    const masterKey = loadOrCreateMasterKey(config.values.MASTER_KEY, masterKeyFile(config));
    return new SqliteIndividualNumberVault(join(config.dataDir, 'vault.db'), masterKey, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Closes the stores last, after every module that uses them has stopped (shutdown hooks run in reverse). */
@Injectable()
class InfrastructureLifecycle implements OnApplicationShutdown {
  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
    private readonly vault: IndividualNumberVault,
    @Inject(REQUEST_REDIS) private readonly redis: Redis,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await Promise.allSettled([this.events.close(), this.documents.close(), this.vault.close()]);
  }
}

/** The adapters chosen by configuration, available to every module. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig, redis: RedisOptions, clock: Clock = new SystemClock()): DynamicModule {
    privateDataDir(config);
    return {
      module: InfrastructureModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: REDIS_OPTIONS, useValue: redis },
        { provide: Clock, useValue: clock },
        { provide: BankDirectory, useClass: ZenginCodeBankDirectory },
        { provide: WriteHealth, useValue: new WriteHealth() },
        {
          provide: EventStore,
          inject: [WriteHealth],
          useFactory: (writes: WriteHealth) => trackWrites(createEventStore(config), writes),
        },
        { provide: DocumentStore, useFactory: () => createDocumentStore(config) },
        { provide: IndividualNumberVault, useFactory: () => createVault(config) },
        { provide: REQUEST_REDIS, useFactory: () => createRequestRedis(redis.url) },
        {
          provide: HealthRegistry,
          inject: [EventStore, DocumentStore, REQUEST_REDIS, WriteHealth],
          useFactory: (events: EventStore, documents: DocumentStore, client: Redis, writes: WriteHealth) => {
            const registry = new HealthRegistry();
            registry.register('eventStore', async () => {
              writes.assertWritable();
              return { kind: config.values.EVENT_STORE, head: await events.headPosition() };
            });
            registry.register('readStore', async () => {
              await documents.getCheckpoint('__health__');
              return { kind: config.values.READ_STORE };
            });
            registry.register('redis', () =>
              onRedis(client, async () => {
                const ping = await client.ping();
                const { persistence, warning } = await redisPersistence(client);
                return { ping, persistence, ...(warning ? { degraded: true, warning } : {}) };
              }),
            );
            return registry;
          },
        },
        InfrastructureLifecycle,
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(config) },
        { provide: PagingCursors, useFactory: () => pagingCursorsFor(config) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [
        BankDirectory,
        TokenVerifier,
        PagingCursors,
        AppConfig,
        REDIS_OPTIONS,
        Clock,
        EventStore,
        DocumentStore,
        IndividualNumberVault,
        HealthRegistry,
        REQUEST_REDIS,
        WriteHealth,
      ],
    };
  }
}
