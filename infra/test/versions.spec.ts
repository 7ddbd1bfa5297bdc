// One Kafka and one PostgreSQL version for every way of running motcua: infra/versions.json states them,
// and each place that has to restate them in its own format (a Maven pom, a shell default, compose image
// tags, the operators' resources) is read here and compared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repoRoot } from './repository-facts';

interface Versions {
  kafka: string;
  postgres: string;
}

const read = (path: string) => readFileSync(join(repoRoot, path), 'utf8');
const versions = JSON.parse(read('infra/versions.json')) as Versions;
const major = (version: string) => version.split('.')[0];

/** Every version each place states, as `where: version` lines (so a failure names the place). */
export function statedVersions(files: (path: string) => string): { kafka: string[]; postgres: string[] } {
  const kafka: string[] = [];
  const postgres: string[] = [];
  const pom = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(files('infra/local/kafka/pom.xml'));
  kafka.push(`infra/local/kafka/pom.xml: ${pom?.[1]}`);
  const pgBin = /PG_BIN="\$\{PG_BIN:-\/usr\/lib\/postgresql\/(\d+)\/bin\}"/.exec(files('infra/local/env.sh'));
  postgres.push(`infra/local/env.sh (major): ${pgBin?.[1]}`);

  const compose = parse(files('docker-compose.yml')) as { services: Record<string, { image?: string }> };
  for (const [name, service] of Object.entries(compose.services)) {
    const [image, tag] = (service.image ?? '').split(':');
    if (image === 'apache/kafka') kafka.push(`docker-compose.yml ${name}: ${tag}`);
    if (image === 'postgres') postgres.push(`docker-compose.yml ${name}: ${tag}`);
  }

  for (const path of ['k8s/infrastructure/kafka.yaml', 'k8s/infrastructure/postgres.yaml']) {
    for (const doc of parseAllDocuments(files(path)).map((d) => d.toJS())) {
      if (doc.kind === 'Kafka') kafka.push(`${path} Kafka/${doc.metadata.name}: ${doc.spec.kafka.version}`);
      if (doc.kind === 'Cluster')
        postgres.push(`${path} Cluster/${doc.metadata.name}: ${String(doc.spec.imageName).split(':')[1]}`);
    }
  }
  return { kafka, postgres };
}

describe('infra/versions.json', () => {
  const stated = statedVersions(read);

  it('is the Kafka version of infra/local, docker-compose.yml and k8s', () => {
    expect(stated.kafka).toHaveLength(3);
    expect(stated.kafka.filter((line) => !line.endsWith(`: ${versions.kafka}`))).toEqual([]);
  });

  it('is the PostgreSQL version of docker-compose.yml and k8s, and its major that of infra/local', () => {
    // compose runs postgres twice (the server and the one-shot provisioning client).
    expect(stated.postgres.length).toBeGreaterThanOrEqual(3);
    const wrong = stated.postgres.filter((line) =>
      line.includes('(major)')
        ? !line.endsWith(`: ${major(versions.postgres)}`)
        : !line.endsWith(`: ${versions.postgres}`),
    );
    expect(wrong).toEqual([]);
  });

  it('finds a place that disagrees', () => {
    const files = (path: string) =>
      path === 'k8s/infrastructure/kafka.yaml'
        ? read(path).replace(`version: ${versions.kafka}`, 'version: 4.1.0')
        : path === 'docker-compose.yml'
          ? read(path).replaceAll(`postgres:${versions.postgres}`, 'postgres:15.14')
          : read(path);
    const changed = statedVersions(files);
    expect(changed.kafka).toContain('k8s/infrastructure/kafka.yaml Kafka/motcua-kafka: 4.1.0');
    expect(changed.postgres.filter((line) => line.endsWith(': 15.14'))).toHaveLength(2);
  });
});
