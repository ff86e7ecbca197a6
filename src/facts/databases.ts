/**
 * Does the service keep data in a database, and which? Read from declared dependencies (drivers and
 * ORMs), database images in Compose and Kubernetes, Terraform database resources and SQL
 * migrations. Backup checks apply only where there is something to back up.
 */
import { yamlParser, yamlValues } from '../context/parsers/yaml.js';
import { defineFact } from '../context/repo-context.js';
import { manifestsFact } from './deps/collect.js';
import { k8sFact } from './k8s/index.js';
import { terraformFact } from './terraform.js';
import { isTestDataPath } from './test-data-paths.js';
import { isTestPath, isVendoredPath } from './code/sources.js';

export interface DatabaseEvidence {
  engine: 'postgres' | 'mysql' | 'mongodb' | 'sqlite' | 'sql';
  file: string;
  line: number;
  via: string;
}

const PACKAGES: Record<string, DatabaseEvidence['engine']> = {
  psycopg2: 'postgres', 'psycopg2-binary': 'postgres', psycopg: 'postgres', asyncpg: 'postgres', pg: 'postgres', postgres: 'postgres', 'pg-promise': 'postgres', '@neondatabase/serverless': 'postgres',
  pymysql: 'mysql', mysqlclient: 'mysql', aiomysql: 'mysql', mysql: 'mysql', mysql2: 'mysql',
  pymongo: 'mongodb', motor: 'mongodb', mongoengine: 'mongodb', mongodb: 'mongodb', mongoose: 'mongodb',
  sqlalchemy: 'sql', 'flask-sqlalchemy': 'sql', django: 'sql', 'tortoise-orm': 'sql', peewee: 'sql', sqlmodel: 'sql',
  prisma: 'sql', '@prisma/client': 'sql', typeorm: 'sql', sequelize: 'sql', knex: 'sql', 'drizzle-orm': 'sql', '@mikro-orm/core': 'sql', kysely: 'sql',
  'better-sqlite3': 'sqlite', sqlite3: 'sqlite',
};
const IMAGES: Array<[RegExp, DatabaseEvidence['engine']]> = [
  [/(^|\/)(postgres|postgresql|postgis|timescaledb[\w-]*|pgvector|cloudnative-pg[\w-]*|spilo[\w-]*)(:|@|$)/, 'postgres'],
  [/(^|\/)(mysql|mariadb|percona[\w-]*)(:|@|$)/, 'mysql'],
  [/(^|\/)(mongo|mongodb)(:|@|$)/, 'mongodb'],
];
const TF_DATABASES = /^(aws_db_instance|aws_rds_cluster|google_sql_database_instance|azurerm_(postgresql|mysql|mssql)[\w]*server|azurerm_cosmosdb_account|aws_docdb_cluster|aws_dynamodb_table|digitalocean_database_cluster)$/;

export const databasesFact = defineFact<DatabaseEvidence[]>('databases', async (repo) => {
  const out: DatabaseEvidence[] = [];
  for (const d of (await repo.fact(manifestsFact)).declared) {
    const engine = PACKAGES[d.name.toLowerCase()];
    if (engine && !isTestPath(d.file)) out.push({ engine, file: d.file, line: d.line, via: `dependency ${d.name}` });
  }
  for (const w of (await repo.fact(k8sFact)).workloads) {
    for (const c of w.containers) {
      const engine = c.image ? IMAGES.find(([re]) => re.test(c.image!))?.[1] : undefined;
      if (engine) out.push({ engine, file: w.object.file, line: w.object.line, via: `image ${c.image}` });
    }
  }
  for (const f of repo.glob(['**/docker-compose*.y*ml', '**/compose*.y*ml'], { nocase: true })) {
    if (isTestPath(f.path) || isVendoredPath(f.path)) continue;
    const yaml = await repo.parse(f.path, yamlParser);
    // yamlValues drops alias bombs instead of throwing them through every check using this fact
    for (const value of yaml ? yamlValues(yaml) : []) {
      const services = (value as { services?: Record<string, { image?: unknown }> } | null)?.services;
      for (const [name, svc] of Object.entries(services ?? {})) {
        const image = typeof svc?.image === 'string' ? svc.image : '';
        const engine = IMAGES.find(([re]) => re.test(image))?.[1];
        if (engine) out.push({ engine, file: f.path, line: 1, via: `compose service ${name} (${image})` });
      }
    }
  }
  for (const b of await repo.fact(terraformFact)) {
    if (b.type === 'resource' && TF_DATABASES.test(b.labels[0] ?? '')) out.push({ engine: /mysql/.test(b.labels[0]) ? 'mysql' : /docdb|cosmos/.test(b.labels[0]) ? 'mongodb' : 'sql', file: b.file, line: b.line, via: `terraform ${b.labels[0]}` });
  }
  const migration = repo.files.find((f) => /(^|\/)(migrations?|db|sql|schema)\/.*\.sql$/i.test(f.path) && !isTestDataPath(f.path));
  if (migration) out.push({ engine: 'sql', file: migration.path, line: 1, via: 'SQL migrations' });
  for (const f of repo.glob(['**/schema.prisma', '**/alembic.ini'])) if (!isTestDataPath(f.path)) out.push({ engine: 'sql', file: f.path, line: 1, via: f.path });
  return out;
});
