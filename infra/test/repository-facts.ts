// What the manifests must agree with, read from the repository's own sources rather than restated here:
// each service's port, configuration variables and pool size (its config class), whether it keeps
// objects in S3, whether it has migrations, which topics it consumes, and the topics of the contracts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

export interface ServiceFacts {
  name: string;
  port: number;
  /** Every variable its config class (with its parents) reads. */
  configKeys: Set<string>;
  /** DATABASE_POOL_SIZE when the environment does not set it; undefined without a database. */
  defaultPoolSize?: number;
  hasDatabase: boolean;
  usesObjectStorage: boolean;
  hasMigrations: boolean;
  /** Kafka topics its inbox consumers subscribe to. */
  consumes: string[];
}

interface ConfigClass {
  parent?: string;
  fields: Map<string, string>;
}

/** `export class A extends B { ... NAME = value; ... }` -> fields of A with their default text. */
function parseConfigClasses(source: string): Map<string, ConfigClass> {
  const classes = new Map<string, ConfigClass>();
  const pattern = /export class (\w+)(?: extends (\w+))? \{([\s\S]*?)\n\}/g;
  for (const [, name, parent, body] of source.matchAll(pattern)) {
    const fields = new Map<string, string>();
    for (const [, field, value] of body.matchAll(/^ {2}(?:override )?([A-Z][A-Z0-9_]*) = (.+);$/gm)) {
      fields.set(field, value);
    }
    classes.set(name, { parent, fields });
  }
  return classes;
}

function resolvedFields(className: string, classes: Map<string, ConfigClass>): Map<string, string> {
  const own = classes.get(className);
  if (!own) throw new Error(`config class ${className} not found`);
  const inherited = own.parent ? resolvedFields(own.parent, classes) : new Map<string, string>();
  return new Map([...inherited, ...own.fields]);
}

export function topicsOfContracts(): Record<string, string> {
  const source = readFileSync(join(repoRoot, 'libs/contracts/src/topics.ts'), 'utf8');
  const block = /export const Topics = \{([\s\S]*?)\} as const;/.exec(source);
  if (!block) throw new Error('Topics not found in libs/contracts/src/topics.ts');
  return Object.fromEntries(
    [...block[1].matchAll(/(\w+): '([^']+)'/g)].map(([, key, topic]) => [key, topic]),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export function serviceFacts(): ServiceFacts[] {
  const libClasses = parseConfigClasses(
    readFileSync(join(repoRoot, 'libs/config/src/base-service-config.ts'), 'utf8'),
  );
  const topics = topicsOfContracts();
  return readdirSync(join(repoRoot, 'services'))
    .filter((name) => existsSync(join(repoRoot, 'services', name, 'src/main.ts')))
    .map((name) => {
      const configDir = join(repoRoot, 'services', name, 'src/config');
      const file = readdirSync(configDir).find((f) => f.endsWith('.config.ts'));
      if (!file) throw new Error(`services/${name}: no src/config/*.config.ts`);
      const classes = new Map([
        ...libClasses,
        ...parseConfigClasses(readFileSync(join(configDir, file), 'utf8')),
      ]);
      const serviceClass = [...classes.keys()].find((c) => !libClasses.has(c));
      if (!serviceClass) throw new Error(`services/${name}: no config class in ${file}`);
      const fields = resolvedFields(serviceClass, classes);
      const chain: string[] = [];
      for (let c: string | undefined = serviceClass; c; c = classes.get(c)?.parent) chain.push(c);

      const consumes = new Set<string>();
      // A file that configures a consumer (`topics: ...`) names the topics it subscribes to as Topics.X,
      // inline or in a constant beside it.
      for (const source of filesUnder(join(repoRoot, 'services', name, 'src'))) {
        const text = readFileSync(source, 'utf8');
        if (!/\btopics: /.test(text)) continue;
        for (const [, key] of text.matchAll(/\bTopics\.(\w+)/g)) {
          if (!topics[key]) throw new Error(`${source}: Topics.${key} is not a topic of the contracts`);
          consumes.add(topics[key]);
        }
      }
      const hasDatabase = chain.includes('BaseServiceConfig');
      return {
        name,
        port: Number(fields.get('PORT')),
        configKeys: new Set(fields.keys()),
        defaultPoolSize: hasDatabase ? Number(fields.get('DATABASE_POOL_SIZE')) : undefined,
        hasDatabase,
        usesObjectStorage: chain.includes('S3ServiceConfig'),
        hasMigrations: existsSync(join(repoRoot, 'services', name, 'src/migrate.ts')),
        consumes: [...consumes].sort(),
      };
    });
}

/**
 * Metric names the services register with prom-client (`name: 'motcua_…'` in the sources of libs/ and
 * services/), the HTTP histogram included.
 */
export function exposedMetrics(): Set<string> {
  const names = new Set<string>();
  for (const area of ['libs', 'services']) {
    for (const file of filesUnder(join(repoRoot, area)).filter((f) => f.includes('/src/'))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/\bname: '((?:motcua|http)_[a-z0-9_]+)'/g))
        names.add(name);
    }
  }
  return names;
}
