// Renders every Kubernetes overlay with kustomize, validates each object offline against the schemas of a
// pinned Kubernetes version, and checks the invariants of the deployment (manifest-checks.ts). The tools
// come from package registries into .local/tools once per machine (ensure-tools.mjs; `npm test` runs it
// before jest, so here it only finds them).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubernetesSchemas, type KubernetesObject } from './kubernetes-schemas';
import {
  checkKafka,
  checkMonitoring,
  checkNetworkPaths,
  checkNoInlineSecrets,
  checkObjectStorage,
  checkPostgres,
  checkProbes,
  checkServiceCoverage,
  checkWorkloads,
  imageIsPinned,
  ofKind,
  promqlMetrics,
  type InfrastructureShape,
} from './manifest-checks';
import { exposedMetrics, repoRoot, serviceFacts, topicsOfContracts } from './repository-facts';

/**
 * Kinds that operators define. Strimzi's, CloudNativePG's and MinIO's CRD schemas ship in no registry
 * package (manifest-checks checks their shape); the Prometheus operator's do (validate-monitoring.mjs).
 */
const OPERATOR_KINDS = [
  'Kafka',
  'KafkaNodePool',
  'KafkaTopic',
  'Cluster',
  'Tenant',
  'ServiceMonitor',
  'PrometheusRule',
];
const MONITORING_KINDS = ['ServiceMonitor', 'PrometheusRule'];

/** Validates ServiceMonitors and PrometheusRules against the Prometheus operator's CRD schemas. */
function validateMonitoring(objects: KubernetesObject[]): string[] {
  const result = spawnSync(process.execPath, [join(repoRoot, 'infra/test/validate-monitoring.mjs')], {
    input: JSON.stringify(objects.filter((o) => MONITORING_KINDS.includes(o.kind))),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`validate-monitoring.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

/** The metrics the services expose, and one issue 12 adds to libs/messaging (dead letters per topic). */
const metrics = new Set([...exposedMetrics(), 'motcua_dead_letter_depth']);

/** The alerts operators rely on, and the metric each must read. */
const REQUIRED_ALERTS = {
  MotcuaOutboxStale: 'motcua_outbox_oldest_unpublished_age_seconds',
  MotcuaDeadLetters: 'motcua_dead_letter_depth',
  MotcuaConsumerLagGrowing: 'motcua_kafka_consumer_lag',
  MotcuaRegistryBreakerOpen: 'motcua_registry_breaker_state',
  MotcuaReadinessFlapping: 'motcua_readiness_changes_total',
};

interface Tools {
  kustomizeBin: string;
  schemaDir: string;
  kubernetesVersion: string;
}

function ensureTools(): Tools {
  const result = spawnSync(process.execPath, [join(repoRoot, 'infra/test/ensure-tools.mjs'), '--json'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`infra/test/ensure-tools.mjs failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Tools;
}

function render(tools: Tools, overlay: string): KubernetesObject[] {
  const result = spawnSync(tools.kustomizeBin, ['build', join(repoRoot, 'k8s/overlays', overlay)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`kustomize build k8s/overlays/${overlay}:\n${result.stderr}`);
  return parseAllDocuments(result.stdout).map((doc) => doc.toJS() as KubernetesObject);
}

const clone = <T>(value: T): T => structuredClone(value);

const services = serviceFacts();
const topics = Object.values(topicsOfContracts());
const STUB = 'population-registry-stub';

const versions = JSON.parse(readFileSync(join(repoRoot, 'infra/versions.json'), 'utf8')) as {
  kafka: string;
  postgres: string;
};
const pinned = { kafkaVersion: versions.kafka, postgresVersion: versions.postgres };

const overlays: Record<string, { shape: InfrastructureShape; runs: string[] }> = {
  'single-node': {
    shape: { ...pinned, brokers: 1, replication: 1, minInsyncReplicas: 1, postgresInstances: 1 },
    runs: services.map((s) => s.name),
  },
  production: {
    shape: { ...pinned, brokers: 3, replication: 3, minInsyncReplicas: 2, postgresInstances: 3 },
    runs: services.map((s) => s.name).filter((name) => name !== STUB),
  },
};

let tools: Tools;
let schemas: KubernetesSchemas;
const rendered: Record<string, KubernetesObject[]> = {};

beforeAll(() => {
  tools = ensureTools();
  schemas = new KubernetesSchemas(tools.schemaDir);
  for (const overlay of Object.keys(overlays)) rendered[overlay] = render(tools, overlay);
}, 300_000);

it('has a test for every overlay in k8s/overlays', () => {
  expect(readdirSync(join(repoRoot, 'k8s/overlays')).sort()).toEqual(Object.keys(overlays).sort());
});

describe.each(Object.keys(overlays))('k8s/overlays/%s', (overlay) => {
  const { shape, runs } = overlays[overlay];
  const objects = () => rendered[overlay];

  it('is valid for the Kubernetes schemas (strict), every object but the operators’ kinds', () => {
    const errors: string[] = [];
    for (const object of objects()) {
      const id = `${object.kind}/${object.metadata?.name}`;
      if (OPERATOR_KINDS.includes(object.kind)) continue;
      if (!schemas.knows(object))
        errors.push(`${id}: ${object.apiVersion} is not served by Kubernetes ${tools.kubernetesVersion}`);
      else errors.push(...schemas.validate(object).map((e) => `${id}: ${e}`));
    }
    expect(errors).toEqual([]);
    expect(objects().filter((o) => OPERATOR_KINDS.includes(o.kind)).length).toBeGreaterThan(0);
  });

  it('puts everything in the motcua namespace, which enforces the restricted Pod Security Standard', () => {
    const [namespace] = ofKind(objects(), 'Namespace');
    expect(namespace.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const outside = objects().filter(
      (o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace.metadata.name,
    );
    expect(outside.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
  });

  it('runs the services it should', () => {
    expect(
      ofKind(objects(), 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([...runs].sort());
  });

  it('hardens every container, with requests, limits and pinned images', () => {
    expect(checkWorkloads(objects())).toEqual([]);
  });

  it('probes /health/live and /health/ready', () => {
    expect(checkProbes(objects())).toEqual([]);
  });

  it('holds no secret values', () => {
    expect(checkNoInlineSecrets(objects())).toEqual([]);
  });

  it('gives every service its Service, HPA, PDB, NetworkPolicy, config and migration Job', () => {
    expect(checkServiceCoverage(objects(), services)).toEqual([]);
  });

  it('allows only the network paths of the architecture', () => {
    expect(checkNetworkPaths(objects(), services)).toEqual([]);
  });

  it('declares Kafka (KRaft) and every topic, replicated as the overlay says', () => {
    expect(checkKafka(objects(), services, topics, shape)).toEqual([]);
  });

  it('declares the Postgres cluster, its roles, and pools that fit max_connections', () => {
    expect(checkPostgres(objects(), services, shape)).toEqual([]);
  });

  it('declares erasure-coded object storage with object lock on the records bucket', () => {
    expect(checkObjectStorage(objects())).toEqual([]);
  });

  it('scrapes every service, and its alerts and dashboard read only metrics the services expose', () => {
    expect(validateMonitoring(objects())).toEqual([]);
    expect(checkMonitoring(objects(), services, metrics, REQUIRED_ALERTS)).toEqual([]);
    expect(ofKind(objects(), 'PrometheusRule')).toHaveLength(1);
  });
});

describe('the checks find what is wrong', () => {
  const broken = (overlay: string, change: (objects: KubernetesObject[]) => void) => {
    const objects = clone(rendered[overlay]);
    change(objects);
    return objects;
  };
  const find = (objects: KubernetesObject[], kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name)!;
  const app = (objects: KubernetesObject[], name: string) =>
    find(objects, 'Deployment', name).spec.template.spec.containers[0];

  it('a misspelt field fails the schema', () => {
    const [deployment] = ofKind(
      broken('production', () => {}),
      'Deployment',
    );
    deployment.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(schemas.validate(deployment).join()).toMatch(/imagePullPolicyy/);
  });

  it('an unpinned image, a writable root filesystem and a missing limit', () => {
    const objects = broken('production', (o) => {
      app(o, 'intake').image = 'registry.invalid/motcua/intake:latest';
      app(o, 'metrics').securityContext.readOnlyRootFilesystem = false;
      delete app(o, 'esignature').resources.limits.memory;
    });
    expect(checkWorkloads(objects).sort()).toEqual([
      'Deployment/esignature container app: no limits.memory',
      'Deployment/intake container app: image registry.invalid/motcua/intake:latest is not pinned',
      'Deployment/metrics container app: root filesystem is writable',
    ]);
    expect(imageIsPinned('quay.io/minio/minio@sha256:' + 'a'.repeat(64))).toBe(true);
    expect(imageIsPinned('motcua/intake')).toBe(false);
  });

  it('a readiness probe on the wrong path', () => {
    const objects = broken(
      'single-node',
      (o) => (app(o, 'data-sharing').readinessProbe.httpGet.path = '/health/live'),
    );
    expect(checkProbes(objects)).toEqual([
      'Deployment/data-sharing container app: readinessProbe is not GET /health/ready on http',
    ]);
  });

  it('an inline database URL, a Secret object and a password in a ConfigMap', () => {
    const objects = broken('production', (o) => {
      const env = app(o, 'intake').env.find((e: { name: string }) => e.name === 'DATABASE_URL');
      delete env.valueFrom;
      env.value = 'postgres://intake_app:hunter2@motcua-postgres-rw:5432/motcua';
      o.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'intake-db-app' },
        stringData: { uri: 'x' },
      });
      ofKind(o, 'ConfigMap')[0].data.S3_SECRET_KEY = 'minio123';
    });
    const violations = checkNoInlineSecrets(objects);
    expect(violations).toContain('Secret/intake-db-app is in the manifests');
    expect(violations).toContain('Deployment/intake: DATABASE_URL is set inline');
    expect(violations.some((v) => v.endsWith('key S3_SECRET_KEY looks like a secret'))).toBe(true);
  });

  it('a service without its PDB, HPA, migration Job or with an unknown variable', () => {
    const objects = broken('production', (o) => {
      o.splice(o.indexOf(find(o, 'PodDisruptionBudget', 'intake')), 1);
      o.splice(o.indexOf(find(o, 'HorizontalPodAutoscaler', 'metrics')), 1);
      o.splice(o.indexOf(find(o, 'Job', 'esignature-migrate')), 1);
      app(o, 'data-sharing').env.push({ name: 'REGISTRY_URLS', value: 'https://x.invalid' });
    });
    expect(checkServiceCoverage(objects, services).sort()).toEqual([
      'service data-sharing: REGISTRY_URLS is not a variable of its config class',
      'service esignature: no migration Job esignature-migrate',
      'service intake: 0 PodDisruptionBudgets select its pods, not 1',
      'service metrics: no HorizontalPodAutoscaler',
    ]);
  });

  it('a path outside the architecture, or a service without its own policy', () => {
    const objects = broken('single-node', (o) => {
      find(o, 'NetworkPolicy', 'intake').spec.egress.push({
        to: [{ podSelector: { matchLabels: { 'v1.min.io/tenant': 'motcua-objects' } } }],
        ports: [{ port: 9000 }],
      });
      o.splice(o.indexOf(find(o, 'NetworkPolicy', 'metrics')), 1);
      find(o, 'NetworkPolicy', STUB).spec.ingress.push(find(o, 'NetworkPolicy', 'intake').spec.ingress[0]);
      find(o, 'NetworkPolicy', STUB).spec.ingress[0].from[0].podSelector.matchLabels[
        'app.kubernetes.io/name'
      ] = 'intake';
    });
    expect(checkNetworkPaths(objects, services).sort()).toEqual([
      'service intake: egress to S3 is allowed',
      'service metrics: egress to Kafka is not allowed',
      'service metrics: egress to Postgres is not allowed',
      'service metrics: ingress from Prometheus is not allowed',
      'service metrics: ingress from the ingress controller is not allowed',
      'service population-registry-stub: ingress from data-sharing is not allowed',
      'service population-registry-stub: ingress from intake is allowed',
      'service population-registry-stub: ingress from the ingress controller is allowed',
    ]);
    expect(checkServiceCoverage(objects, services)).toContain(
      'service metrics: no NetworkPolicy of its own for ingress and egress',
    );
  });

  it('an under-replicated topic, a missing dead-letter topic, too few partitions for the autoscaler', () => {
    const objects = broken('production', (o) => {
      find(o, 'KafkaTopic', 'motcua-dossier-v1').spec.replicas = 2;
      o.splice(o.indexOf(find(o, 'KafkaTopic', 'motcua-citizen-v1-dlt')), 1);
      find(o, 'HorizontalPodAutoscaler', 'data-sharing').spec.maxReplicas = 25;
      find(o, 'KafkaNodePool', 'brokers').apiVersion = 'kafka.strimzi.io/v1beta2';
      ofKind(o, 'Kafka')[0].spec.kafka.version = '4.1.0';
    });
    expect(checkKafka(objects, services, topics, overlays.production.shape).sort()).toEqual([
      `Kafka/motcua-kafka: version 4.1.0, not ${versions.kafka} (infra/versions.json)`,
      'KafkaNodePool/brokers: apiVersion kafka.strimzi.io/v1beta2, not kafka.strimzi.io/v1',
      'KafkaTopic motcua.dossier.v1: 2 replicas, not 3',
      'KafkaTopic motcua.dossier.v1: one replica down would stop writes',
      'service data-sharing: maxReplicas 25 > 24 partitions of motcua.document.v1, motcua.dossier.v1',
      'topic motcua.citizen.v1.dlt of libs/contracts has no KafkaTopic',
    ]);
  });

  it('a misspelt metric, a broken query, a missing alert, an unscraped service, a bad rule duration', () => {
    const objects = broken('production', (o) => {
      const [rules] = ofKind(o, 'PrometheusRule');
      const [messaging] = rules.spec.groups;
      messaging.rules[0].expr = messaging.rules[0].expr.replace(
        'motcua_outbox_oldest',
        'motcua_outbox_olderst',
      );
      messaging.rules[1].expr = 'max by (topic) (motcua_dead_letter_depth > 0';
      messaging.rules.splice(
        messaging.rules.findIndex((r: { alert: string }) => r.alert === 'MotcuaConsumerLagGrowing'),
        1,
      );
      messaging.rules[0].for = 'a minute';
      const [monitor] = ofKind(o, 'ServiceMonitor');
      monitor.spec.selector.matchExpressions = [
        { key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['esignature'] },
      ];
      const dashboard = ofKind(o, 'ConfigMap').find((c) => c.metadata.labels?.grafana_dashboard === '1')!;
      const [file] = Object.keys(dashboard.data);
      dashboard.data[file] = dashboard.data[file].replaceAll(
        'motcua_registry_breaker_state',
        'motcua_breaker',
      );
    });
    expect(checkMonitoring(objects, services, metrics, REQUIRED_ALERTS).sort()).toEqual([
      expect.stringMatching(
        /^ConfigMap\/motcua-grafana-dashboard motcua-dashboard.json panel "Registry circuit breaker": reads motcua_breaker, which no service exposes$/,
      ),
      'PrometheusRule/motcua-alerts MotcuaDeadLetters: expr does not parse at 44: ',
      'PrometheusRule/motcua-alerts MotcuaOutboxStale: reads motcua_outbox_olderst_unpublished_age_seconds, which no service exposes',
      'alert MotcuaConsumerLagGrowing is missing',
      'alert MotcuaOutboxStale does not read motcua_outbox_oldest_unpublished_age_seconds',
      'metric motcua_registry_breaker_state has no dashboard panel',
      'service esignature: scraped by 0 ServiceMonitors, not 1',
    ]);
    expect(validateMonitoring(objects).join()).toMatch(
      /PrometheusRule\/motcua-alerts: .*for must match pattern/,
    );
    expect(
      promqlMetrics('sum(rate(http_request_duration_seconds_count{service="x"}[5m])) / on() up'),
    ).toEqual({
      metrics: ['http_request_duration_seconds_count', 'up'],
      error: undefined,
    });
  });

  it('pools past max_connections, an unmanaged role, a bucket without object lock', () => {
    const objects = broken('production', (o) => {
      ofKind(o, 'ConfigMap').find((c) =>
        c.metadata.name.startsWith('intake-config'),
      )!.data.DATABASE_POOL_SIZE = '50';
      const cluster = ofKind(o, 'Cluster')[0];
      cluster.spec.managed.roles = cluster.spec.managed.roles.filter(
        (r: { name: string }) => r.name !== 'metrics_app',
      );
      ofKind(o, 'Tenant')[0].spec.buckets[0].objectLock = false;
      ofKind(o, 'Cluster')[0].spec.imageName = 'ghcr.io/cloudnative-pg/postgresql:15.14';
    });
    const postgres = checkPostgres(objects, services, overlays.production.shape);
    expect(postgres).toContain('Cluster/motcua-postgres: role metrics_app (service metrics) is not managed');
    expect(postgres).toContain(
      `Cluster/motcua-postgres: PostgreSQL 15.14, not ${versions.postgres} (infra/versions.json)`,
    );
    expect(postgres.some((v) => /pools may open \d+ connections, max_connections is/.test(v))).toBe(true);
    expect(checkObjectStorage(objects)).toEqual([
      'Tenant/motcua-objects: bucket motcua-records has no object lock',
    ]);
  });
});
