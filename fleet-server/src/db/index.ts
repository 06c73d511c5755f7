import path from 'node:path';
import type { Config } from '../config.js';
import type { Repository } from './repository.js';
import { openSqlite } from './sqlite.js';
import { openPostgres } from './pg.js';

export type * from './repository.js';
export { openSqlite, openPostgres };

/** SQLite at `${dataDir}/fleet.sqlite` unless DATABASE_URL names a PostgreSQL database. */
export async function openRepository(config: Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir'>): Promise<Repository> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.databaseSchema);
  return openSqlite(path.join(config.dataDir, 'fleet.sqlite'));
}
