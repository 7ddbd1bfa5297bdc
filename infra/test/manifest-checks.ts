// Invariants of a rendered overlay (`kustomize build k8s/overlays/<name>`), each a function that returns
// the violations it finds as readable lines, so that a test shows all of them at once and a broken copy of
// a manifest can prove each check fails.
import { parser as promqlParser } from '@prometheus-io/lezer-promql';
import type { KubernetesObject } from './kubernetes-schemas';
import type { ServiceFacts } from './repository-facts';

type Container = KubernetesObject;

export const SERVICE = 'service';
export const MIGRATION = 'migration';

export function ofKind(objects: KubernetesObject[], kind: string): KubernetesObject[] {
  return objects.filter((o) => o.kind === kind);
}

function named(objects: KubernetesObject[], kind: string, name: string): KubernetesObject | undefined {
  return objects.find((o) => o.kind === kind && o.metadata.name === name);
}

function podSpec(workload: KubernetesObject) {
  return workload.spec.template.spec;
}

const matches = (selector: Record<string, string> = {}, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** A labelSelector with matchLabels and/or matchExpressions (In, NotIn, Exists, DoesNotExist). */
function selects(selector: KubernetesObject | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  if (!matches(selector.matchLabels, labels)) return false;
  return (selector.matchExpressions ?? []).every(
    (e: { key: string; operator: string; values?: string[] }) => {
      if (e.operator === 'In') return (e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'NotIn') return !(e.values ?? []).includes(labels[e.key]);
      if (e.operator === 'Exists') return e.key in labels;
      if (e.operator === 'DoesNotExist') return !(e.key in labels);
      return false;
    },
  );
}

/** Images carry an explicit version (a tag other than latest, or a digest). */
export function imageIsPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const lastSegment = image.split('/').pop()!;
  const tag = lastSegment.includes(':') ? lastSegment.split(':').pop()! : '';
  return tag !== '' && tag !== 'latest';
}

/** Hardening, resources and pinned images of every container of every Deployment and Job. */
export function checkWorkloads(objects: KubernetesObject[]): string[] {
  const violations: string[] = [];
  for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
    const where = `${workload.kind}/${workload.metadata.name}`;
    const pod = podSpec(workload);
    if (pod.securityContext?.runAsNonRoot !== true) violations.push(`${where}: pod runAsNonRoot is not true`);
    if (!(pod.securityContext?.runAsUser > 0))
      violations.push(`${where}: pod runAsUser is not a non-zero uid`);
    if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
      violations.push(`${where}: seccompProfile is not RuntimeDefault`);
    if (pod.automountServiceAccountToken !== false)
      violations.push(`${where}: mounts a service-account token`);
    for (const container of [...(pod.initContainers ?? []), ...pod.containers] as Container[]) {
      const at = `${where} container ${container.name}`;
      const security = container.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false)
        violations.push(`${at}: allowPrivilegeEscalation is not false`);
      if (security.readOnlyRootFilesystem !== true) violations.push(`${at}: root filesystem is writable`);
      if (!(security.capabilities?.drop ?? []).includes('ALL'))
        violations.push(`${at}: capabilities not dropped`);
      if (security.runAsUser === 0) violations.push(`${at}: runs as root`);
      const resources = container.resources ?? {};
      for (const field of ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']) {
        const [section, resource] = field.split('.');
        if (!resources[section]?.[resource]) violations.push(`${at}: no ${field}`);
      }
      if (!imageIsPinned(container.image)) violations.push(`${at}: image ${container.image} is not pinned`);
    }
  }
  return violations;
}

/** Startup/liveness on /health/live and readiness on /health/ready, on the port named http. */
export function checkProbes(objects: KubernetesObject[]): string[] {
  const violations: string[] = [];
  for (const deployment of ofKind(objects, 'Deployment')) {
    for (const container of podSpec(deployment).containers as Container[]) {
      const at = `Deployment/${deployment.metadata.name} container ${container.name}`;
      const expected: Record<string, string> = {
        livenessProbe: '/health/live',
        readinessProbe: '/health/ready',
        startupProbe: '/health/live',
      };
      for (const [probe, path] of Object.entries(expected)) {
        const get = container[probe]?.httpGet;
        if (get?.path !== path || get?.port !== 'http')
          violations.push(`${at}: ${probe} is not GET ${path} on http`);
      }
      if (!(container.ports ?? []).some((p: { name: string }) => p.name === 'http'))
        violations.push(`${at}: no port named http`);
    }
  }
  return violations;
}

const SECRET_LIKE = /PASSWORD|SECRET|TOKEN|PRIVATE|ACCESS_KEY|CREDENTIAL/i;
const URL_WITH_PASSWORD = /:\/\/[^/\s:@]+:[^/\s@]+@/;

/** No Secret objects and no secret values: credentials only through secretKeyRef. */
export function checkNoInlineSecrets(objects: KubernetesObject[]): string[] {
  const violations: string[] = [];
  for (const secret of ofKind(objects, 'Secret'))
    violations.push(`Secret/${secret.metadata.name} is in the manifests`);
  for (const configMap of ofKind(objects, 'ConfigMap')) {
    for (const [key, value] of Object.entries<string>(configMap.data ?? {})) {
      if (SECRET_LIKE.test(key))
        violations.push(`ConfigMap/${configMap.metadata.name}: key ${key} looks like a secret`);
      if (URL_WITH_PASSWORD.test(value))
        violations.push(`ConfigMap/${configMap.metadata.name}: ${key} holds a URL with a password`);
    }
  }
  for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
    for (const container of podSpec(workload).containers as Container[]) {
      for (const env of container.env ?? []) {
        const inline = env.value !== undefined;
        if (
          inline &&
          (SECRET_LIKE.test(env.name) || URL_WITH_PASSWORD.test(env.value) || /_URL$/.test(env.name))
        )
          violations.push(`${workload.kind}/${workload.metadata.name}: ${env.name} is set inline`);
        if (!inline && SECRET_LIKE.test(env.name) && !env.valueFrom?.secretKeyRef)
          violations.push(
            `${workload.kind}/${workload.metadata.name}: ${env.name} does not come from a Secret`,
          );
      }
    }
  }
  return violations;
}

function configMapData(objects: KubernetesObject[], workload: KubernetesObject, container: Container) {
  const data: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const configMap = named(objects, 'ConfigMap', source.configMapRef?.name);
    Object.assign(data, configMap?.data ?? {});
  }
  for (const env of container.env ?? []) if (env.value !== undefined) data[env.name] = env.value;
  void workload;
  return data;
}

/**
 * Per service of the repository (those the overlay runs): Deployment, Service, HPA, PDB, its own
 * NetworkPolicy, config references that resolve, known variables, the right port, and for a service
 * with migrations a Job with the same image that runs before the Deployment.
 */
export function checkServiceCoverage(objects: KubernetesObject[], services: ServiceFacts[]): string[] {
  const violations: string[] = [];
  const deployments = ofKind(objects, 'Deployment');
  for (const service of services) {
    const deployment = named(objects, 'Deployment', service.name);
    if (!deployment) continue; // this overlay does not run it (checked by the caller's expectations)
    const at = `service ${service.name}`;
    const labels = deployment.spec.template.metadata.labels;
    if (!selects(deployment.spec.selector, labels))
      violations.push(`${at}: Deployment selector misses its pods`);
    if (deployment.spec.replicas !== undefined)
      violations.push(`${at}: Deployment sets replicas, which its HorizontalPodAutoscaler owns`);

    const svc = named(objects, 'Service', service.name);
    const app = podSpec(deployment).containers.find((c: Container) => c.name === 'app');
    const httpPort = app?.ports?.find((p: { name: string }) => p.name === 'http')?.containerPort;
    if (httpPort !== service.port)
      violations.push(`${at}: container port ${httpPort}, the service listens on ${service.port}`);
    if (!svc || !matches(svc.spec.selector, labels)) violations.push(`${at}: no Service selecting its pods`);
    else if (!svc.spec.ports.some((p: { port: number }) => p.port === service.port))
      violations.push(`${at}: Service does not expose ${service.port}`);

    const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(
      (h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === service.name,
    );
    if (!hpa) violations.push(`${at}: no HorizontalPodAutoscaler`);
    else if (!(hpa.spec.minReplicas >= 1 && hpa.spec.maxReplicas >= hpa.spec.minReplicas))
      violations.push(
        `${at}: HorizontalPodAutoscaler bounds ${hpa.spec.minReplicas}..${hpa.spec.maxReplicas}`,
      );

    const pdbs = ofKind(objects, 'PodDisruptionBudget').filter((p) => selects(p.spec.selector, labels));
    if (pdbs.length !== 1)
      violations.push(`${at}: ${pdbs.length} PodDisruptionBudgets select its pods, not 1`);
    else if (
      pdbs[0].spec.minAvailable !== undefined &&
      hpa &&
      pdbs[0].spec.minAvailable >= hpa.spec.minReplicas
    )
      violations.push(`${at}: PodDisruptionBudget would block every eviction at minReplicas`);

    const own = ofKind(objects, 'NetworkPolicy').filter(
      (p) =>
        p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === service.name &&
        selects(p.spec.podSelector, labels),
    );
    if (!own.some((p) => p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress')))
      violations.push(`${at}: no NetworkPolicy of its own for ingress and egress`);

    for (const container of podSpec(deployment).containers as Container[]) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef && !named(objects, 'ConfigMap', source.configMapRef.name))
          violations.push(`${at}: ConfigMap ${source.configMapRef.name} is not in the manifests`);
      }
      const variables = configMapData(objects, deployment, container);
      const names = new Set([
        ...Object.keys(variables),
        ...(container.env ?? []).map((e: { name: string }) => e.name),
      ]);
      for (const name of names) {
        if (!service.configKeys.has(name))
          violations.push(`${at}: ${name} is not a variable of its config class`);
      }
    }

    if (service.hasMigrations) {
      const job = named(objects, 'Job', `${service.name}-migrate`);
      if (!job) {
        violations.push(`${at}: no migration Job ${service.name}-migrate`);
      } else {
        const [migrate] = podSpec(job).containers;
        if (migrate.image !== app?.image)
          violations.push(`${at}: migration Job runs ${migrate.image}, not ${app?.image}`);
        if (!(migrate.command ?? []).includes('dist/migrate.js'))
          violations.push(`${at}: migration Job does not run dist/migrate.js`);
        if (!(migrate.env ?? []).some((e: { name: string }) => e.name === 'DATABASE_MIGRATION_URL'))
          violations.push(`${at}: migration Job has no DATABASE_MIGRATION_URL`);
        // Argo CD: a Sync hook in a wave before the Deployments' (0); kubectl: k8s/deploy.sh runs Jobs first.
        const annotations = job.metadata.annotations ?? {};
        if (
          annotations['argocd.argoproj.io/hook'] !== 'Sync' ||
          !(Number(annotations['argocd.argoproj.io/sync-wave']) < 0)
        )
          violations.push(`${at}: migration Job is not a Sync hook in a negative wave`);
        if (podSpec(job).restartPolicy !== 'Never') violations.push(`${at}: migration Job restarts in place`);
      }
    }
  }
  for (const deployment of deployments) {
    if (!services.some((s) => s.name === deployment.metadata.name))
      violations.push(`Deployment/${deployment.metadata.name} is not a service of the repository`);
  }
  return violations;
}

interface Peer {
  podSelector?: KubernetesObject;
  namespaceSelector?: KubernetesObject;
  ipBlock?: { cidr: string };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port: number | string; protocol?: string }[];
}

function policiesFor(objects: KubernetesObject[], labels: Record<string, string>) {
  return ofKind(objects, 'NetworkPolicy').filter((p) => selects(p.spec.podSelector, labels));
}

/** Does any policy selecting `labels` allow this direction to a peer matching `peer` on `port`? */
function allows(
  objects: KubernetesObject[],
  labels: Record<string, string>,
  direction: 'ingress' | 'egress',
  peer: (p: Peer) => boolean,
  port: number | string,
): boolean {
  return policiesFor(objects, labels).some((policy) =>
    (policy.spec[direction] ?? []).some(
      (rule: Rule) =>
        (rule.ports ?? []).some((p) => p.port === port) &&
        (direction === 'ingress' ? rule.from : rule.to)?.some(peer),
    ),
  );
}

const podLabelled = (key: string, value: string) => (p: Peer) =>
  p.podSelector?.matchLabels?.[key] === value && !p.namespaceSelector;

/**
 * Default deny for the services and Jobs, and exactly the paths of the architecture: every database
 * service to Postgres and Kafka, S3 only for those that keep objects, data-sharing to the registry,
 * the stub from data-sharing only, Prometheus to every service.
 */
export function checkNetworkPaths(objects: KubernetesObject[], services: ServiceFacts[]): string[] {
  const violations: string[] = [];
  const postgres = named(objects, 'Cluster', 'motcua-postgres');
  const pgPeer = podLabelled('cnpg.io/cluster', postgres?.metadata.name ?? 'missing');
  const kafkaPeer = podLabelled(
    'strimzi.io/cluster',
    ofKind(objects, 'Kafka')[0]?.metadata.name ?? 'missing',
  );
  const s3Peer = podLabelled('v1.min.io/tenant', ofKind(objects, 'Tenant')[0]?.metadata.name ?? 'missing');
  const prometheus = (p: Peer) =>
    p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'monitoring' &&
    p.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'prometheus';

  const ingressController = (p: Peer) =>
    p.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx' && !p.podSelector;

  for (const workload of [...ofKind(objects, 'Deployment'), ...ofKind(objects, 'Job')]) {
    const labels = workload.spec.template.metadata.labels;
    const denies = policiesFor(objects, labels).some(
      (p) =>
        !p.spec.ingress &&
        !p.spec.egress &&
        ['Ingress', 'Egress'].every((t) => p.spec.policyTypes.includes(t)),
    );
    if (!denies)
      violations.push(`${workload.kind}/${workload.metadata.name}: no default-deny NetworkPolicy selects it`);
    for (const policy of policiesFor(objects, labels)) {
      for (const rule of [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])] as Rule[]) {
        const peers = rule.from ?? rule.to;
        if (!peers || peers.length === 0 || !rule.ports || rule.ports.length === 0)
          violations.push(`NetworkPolicy/${policy.metadata.name}: a rule open to every peer or port`);
      }
    }
  }

  for (const service of services) {
    const deployment = named(objects, 'Deployment', service.name);
    if (!deployment) continue;
    const labels = deployment.spec.template.metadata.labels;
    const at = `service ${service.name}`;
    const expect = (allowed: boolean, wanted: boolean, path: string) => {
      if (allowed !== wanted) violations.push(`${at}: ${path} is ${allowed ? 'allowed' : 'not allowed'}`);
    };
    expect(allows(objects, labels, 'egress', pgPeer, 5432), service.hasDatabase, 'egress to Postgres');
    expect(allows(objects, labels, 'egress', kafkaPeer, 9092), service.hasDatabase, 'egress to Kafka');
    expect(allows(objects, labels, 'egress', s3Peer, 9000), service.usesObjectStorage, 'egress to S3');
    expect(allows(objects, labels, 'ingress', prometheus, 'http'), true, 'ingress from Prometheus');
    // The public APIs are the business services; the stub stands in for a national system behind them.
    expect(
      allows(objects, labels, 'ingress', ingressController, 'http'),
      service.name !== 'population-registry-stub',
      'ingress from the ingress controller',
    );
    if (service.configKeys.has('REGISTRY_URL')) {
      const registry = named(objects, 'Deployment', 'population-registry-stub');
      const toRegistry = registry
        ? allows(
            objects,
            labels,
            'egress',
            podLabelled('app.kubernetes.io/name', 'population-registry-stub'),
            3005,
          )
        : allows(objects, labels, 'egress', (p) => !!p.ipBlock, 443);
      expect(toRegistry, true, `egress to the population registry${registry ? ' stub' : ''}`);
    }
    const callers = services.filter(
      (s) => s.configKeys.has('REGISTRY_URL') && named(objects, 'Deployment', s.name),
    );
    if (service.name === 'population-registry-stub') {
      for (const other of services.filter((s) => s.name !== service.name)) {
        const calls = callers.includes(other);
        expect(
          allows(objects, labels, 'ingress', podLabelled('app.kubernetes.io/name', other.name), 'http'),
          calls,
          `ingress from ${other.name}`,
        );
      }
    }
  }
  const migrationLabels = { 'app.kubernetes.io/component': MIGRATION, 'app.kubernetes.io/part-of': 'motcua' };
  if (!allows(objects, migrationLabels, 'egress', pgPeer, 5432))
    violations.push('migration Jobs: no egress to Postgres');
  return violations;
}

export const STRIMZI_API = 'kafka.strimzi.io/v1';

export interface InfrastructureShape {
  /** infra/versions.json: the Kafka version every overlay runs. */
  kafkaVersion?: string;
  /** infra/versions.json: the PostgreSQL version (image tag) every overlay runs. */
  postgresVersion?: string;
  brokers: number;
  replication: number;
  minInsyncReplicas: number;
  postgresInstances: number;
}

/**
 * The operators' resources have no published schema in a registry package, so their shape is checked
 * here: Strimzi Kafka in KRaft with node pools, a KafkaTopic per contract topic and dead-letter topic with
 * the overlay's replication, min.insync.replicas and a retention, and enough partitions for the consumers.
 */
export function checkKafka(
  objects: KubernetesObject[],
  services: ServiceFacts[],
  topics: string[],
  shape: InfrastructureShape,
): string[] {
  const violations: string[] = [];
  const kafkas = ofKind(objects, 'Kafka');
  if (kafkas.length !== 1) return [`${kafkas.length} Kafka resources, not 1`];
  const [kafka] = kafkas;
  const name = kafka.metadata.name;
  // Strimzi 1.0 serves only v1 (v1beta2 and older were removed): every Strimzi resource must be on it.
  for (const object of objects.filter((o) => o.apiVersion.startsWith('kafka.strimzi.io/'))) {
    if (object.apiVersion !== STRIMZI_API)
      violations.push(
        `${object.kind}/${object.metadata.name}: apiVersion ${object.apiVersion}, not ${STRIMZI_API}`,
      );
  }
  if (shape.kafkaVersion && kafka.spec.kafka?.version !== shape.kafkaVersion)
    violations.push(
      `Kafka/${name}: version ${kafka.spec.kafka?.version}, not ${shape.kafkaVersion} (infra/versions.json)`,
    );
  if (kafka.spec.zookeeper) violations.push(`Kafka/${name}: ZooKeeper instead of KRaft`);
  if (!kafka.spec.kafka?.version) violations.push(`Kafka/${name}: no pinned Kafka version`);
  if (kafka.spec.entityOperator?.topicOperator === undefined)
    violations.push(`Kafka/${name}: no topic operator`);
  const config = kafka.spec.kafka?.config ?? {};
  if (config['auto.create.topics.enable'] !== false)
    violations.push(`Kafka/${name}: topics may be created implicitly`);
  if (
    config['default.replication.factor'] !== shape.replication ||
    config['min.insync.replicas'] !== shape.minInsyncReplicas
  )
    violations.push(
      `Kafka/${name}: default replication/min.insync.replicas is not ${shape.replication}/${shape.minInsyncReplicas}`,
    );
  if (config['offsets.topic.replication.factor'] !== shape.replication)
    violations.push(`Kafka/${name}: consumer offsets are not replicated ${shape.replication} times`);

  const pools = ofKind(objects, 'KafkaNodePool').filter(
    (p) => p.metadata.labels?.['strimzi.io/cluster'] === name,
  );
  const count = (role: string) =>
    pools.filter((p) => p.spec.roles.includes(role)).reduce((sum, p) => sum + p.spec.replicas, 0);
  if (count('broker') !== shape.brokers)
    violations.push(`Kafka/${name}: ${count('broker')} brokers, not ${shape.brokers}`);
  if (count('controller') % 2 !== 1)
    violations.push(`Kafka/${name}: ${count('controller')} KRaft controllers (needs an odd number)`);
  for (const pool of pools) {
    if (!['persistent-claim', 'jbod'].includes(pool.spec.storage?.type))
      violations.push(`KafkaNodePool/${pool.metadata.name}: storage is not persistent`);
  }

  const kafkaTopics = ofKind(objects, 'KafkaTopic');
  const partitionsOf = new Map<string, number>();
  for (const topic of kafkaTopics) {
    const topicName = topic.spec.topicName ?? topic.metadata.name;
    const at = `KafkaTopic ${topicName}`;
    partitionsOf.set(topicName, topic.spec.partitions);
    if (topic.metadata.labels?.['strimzi.io/cluster'] !== name)
      violations.push(`${at}: not labelled for Kafka/${name}`);
    if (topic.spec.replicas !== shape.replication)
      violations.push(`${at}: ${topic.spec.replicas} replicas, not ${shape.replication}`);
    if (topic.spec.config?.['min.insync.replicas'] !== shape.minInsyncReplicas)
      violations.push(`${at}: min.insync.replicas is not ${shape.minInsyncReplicas}`);
    // A retention is always explicit: a duration, or -1 for a topic whose whole history is kept.
    const retention = topic.spec.config?.['retention.ms'];
    if (!(retention > 0 || retention === -1)) violations.push(`${at}: no retention.ms`);
    if (!(topic.spec.partitions >= 1)) violations.push(`${at}: no partitions`);
    if (shape.replication > 1 && topic.spec.config?.['min.insync.replicas'] >= topic.spec.replicas)
      violations.push(`${at}: one replica down would stop writes`);
  }
  for (const topic of topics.flatMap((t) => [t, `${t}.dlt`])) {
    if (!partitionsOf.has(topic)) violations.push(`topic ${topic} of libs/contracts has no KafkaTopic`);
  }
  // One consumer group per service: consumers past the partitions of its topics would sit idle.
  for (const service of services.filter((s) => s.consumes.length > 0)) {
    const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(
      (h) => h.spec.scaleTargetRef.name === service.name,
    );
    if (!hpa) continue;
    const partitions = service.consumes.reduce((sum, t) => sum + (partitionsOf.get(t) ?? 0), 0);
    if (hpa.spec.maxReplicas > partitions)
      violations.push(
        `service ${service.name}: maxReplicas ${hpa.spec.maxReplicas} > ${partitions} partitions of ${service.consumes.join(', ')}`,
      );
  }
  return violations;
}

function configValue(
  objects: KubernetesObject[],
  deployment: KubernetesObject,
  name: string,
): string | undefined {
  const [app] = podSpec(deployment).containers;
  return configMapData(objects, deployment, app)[name];
}

/**
 * CloudNativePG: the overlay's instance count, the roles every service and Job logs in as (managed, with
 * their password from the same Secret the workloads read), and connection pools that fit max_connections
 * at the autoscalers' maximum plus one surging pod per Deployment and the migration Jobs.
 */
export function checkPostgres(
  objects: KubernetesObject[],
  services: ServiceFacts[],
  shape: InfrastructureShape,
): string[] {
  const violations: string[] = [];
  const clusters = ofKind(objects, 'Cluster');
  if (clusters.length !== 1) return [`${clusters.length} CloudNativePG Clusters, not 1`];
  const [cluster] = clusters;
  const at = `Cluster/${cluster.metadata.name}`;
  if (cluster.apiVersion !== 'postgresql.cnpg.io/v1')
    violations.push(`${at}: apiVersion ${cluster.apiVersion}`);
  if (cluster.spec.instances !== shape.postgresInstances)
    violations.push(`${at}: ${cluster.spec.instances} instances, not ${shape.postgresInstances}`);
  if (!imageIsPinned(cluster.spec.imageName ?? '')) violations.push(`${at}: image is not pinned`);
  const postgresTag = String(cluster.spec.imageName ?? '').split(':')[1];
  if (shape.postgresVersion && postgresTag !== shape.postgresVersion)
    violations.push(`${at}: PostgreSQL ${postgresTag}, not ${shape.postgresVersion} (infra/versions.json)`);
  if (shape.postgresInstances > 1 && !(cluster.spec.postgresql?.synchronous?.number >= 1))
    violations.push(`${at}: no synchronous replica (a failover could lose acknowledged commits)`);
  const roles = new Map<string, string>(
    (cluster.spec.managed?.roles ?? []).map((r: KubernetesObject) => [r.name, r.passwordSecret?.name]),
  );
  const initSql = (cluster.spec.bootstrap?.initdb?.postInitApplicationSQLRefs?.configMapRefs ?? []).map(
    (ref: { name: string }) => named(objects, 'ConfigMap', ref.name),
  );
  if (initSql.length === 0 || initSql.some((c: unknown) => !c))
    violations.push(`${at}: its schema SQL ConfigMap is missing`);

  let connections = 0;
  for (const service of services.filter((s) => s.hasDatabase)) {
    const deployment = named(objects, 'Deployment', service.name);
    if (!deployment) continue;
    const schema = configValue(objects, deployment, 'DATABASE_SCHEMA');
    for (const [role, workload, variable] of [
      [`${schema}_app`, deployment, 'DATABASE_URL'],
      [`${schema}_owner`, named(objects, 'Job', `${service.name}-migrate`), 'DATABASE_MIGRATION_URL'],
    ] as const) {
      const secret = workload
        ? podSpec(workload).containers[0].env?.find((e: { name: string }) => e.name === variable)?.valueFrom
            ?.secretKeyRef?.name
        : undefined;
      if (!roles.has(role)) violations.push(`${at}: role ${role} (service ${service.name}) is not managed`);
      else if (secret && roles.get(role) !== secret)
        violations.push(
          `${at}: role ${role} takes its password from ${roles.get(role)}, ${service.name} connects with ${secret}`,
        );
    }
    if (
      !initSql.some(
        (c: KubernetesObject | undefined) =>
          c && Object.values<string>(c.data).join().includes(`'${schema}'`),
      )
    )
      violations.push(`${at}: schema ${schema} is not created by its SQL`);
    const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find(
      (h) => h.spec.scaleTargetRef.name === service.name,
    );
    const pool = Number(configValue(objects, deployment, 'DATABASE_POOL_SIZE') ?? service.defaultPoolSize);
    const surge = deployment.spec.strategy?.rollingUpdate?.maxSurge ?? 1;
    connections += ((hpa?.spec.maxReplicas ?? 1) + surge) * pool + (service.hasMigrations ? 1 : 0);
  }
  // superuser_reserved_connections (3) and the operator's own (instance manager, replication): 10 in all.
  const maxConnections = Number(cluster.spec.postgresql?.parameters?.max_connections ?? 100);
  if (connections > maxConnections - 10)
    violations.push(`${at}: pools may open ${connections} connections, max_connections is ${maxConnections}`);
  return violations;
}

/**
 * MinIO tenant: erasure coded (at least 4 drives, parity at most half of a set), object lock on the
 * bucket the services write to, pinned image.
 */
export function checkObjectStorage(objects: KubernetesObject[]): string[] {
  const violations: string[] = [];
  const tenants = ofKind(objects, 'Tenant');
  if (tenants.length !== 1) return [`${tenants.length} MinIO Tenants, not 1`];
  const [tenant] = tenants;
  const at = `Tenant/${tenant.metadata.name}`;
  if (tenant.apiVersion !== 'minio.min.io/v2') violations.push(`${at}: apiVersion ${tenant.apiVersion}`);
  if (!imageIsPinned(tenant.spec.image ?? '')) violations.push(`${at}: image is not pinned`);
  const drives = (tenant.spec.pools ?? []).reduce(
    (sum: number, p: KubernetesObject) => sum + p.servers * p.volumesPerServer,
    0,
  );
  if (drives < 4) violations.push(`${at}: ${drives} drives, erasure coding needs at least 4`);
  const storageClass = (tenant.spec.env ?? []).find(
    (e: { name: string }) => e.name === 'MINIO_STORAGE_CLASS_STANDARD',
  )?.value;
  const parity = Number(/^EC:(\d+)$/.exec(storageClass ?? '')?.[1]);
  if (!(parity >= 1 && parity <= Math.min(drives, 16) / 2))
    violations.push(`${at}: storage class ${storageClass} for ${drives} drives`);
  const buckets = ofKind(objects, 'ConfigMap')
    .map((c) => c.data?.S3_BUCKET)
    .filter((b): b is string => !!b);
  for (const bucket of new Set(buckets)) {
    const declared = (tenant.spec.buckets ?? []).find((b: { name: string }) => b.name === bucket);
    if (!declared) violations.push(`${at}: bucket ${bucket} is not created`);
    else if (declared.objectLock !== true) violations.push(`${at}: bucket ${bucket} has no object lock`);
  }
  if (buckets.length === 0) violations.push('no S3_BUCKET in the configuration');
  return violations;
}

/** Names of the metrics a PromQL expression reads, or the reason it does not parse. */
export function promqlMetrics(expr: string): { metrics: string[]; error?: string } {
  const tree = promqlParser.parse(expr);
  const metrics = new Set<string>();
  let error: string | undefined;
  tree.iterate({
    enter: (node) => {
      if (node.type.isError)
        error ??= `does not parse at ${node.from}: ${expr.slice(node.from, node.from + 30)}`;
      if (node.name === 'VectorSelector') {
        const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(node.from, node.to))?.[0];
        if (name) metrics.add(name);
        // {__name__="x"} selectors name their metric in a matcher.
        const byName = /__name__\s*=\s*"([^"]+)"/.exec(expr.slice(node.from, node.to))?.[1];
        if (byName) metrics.add(byName);
      }
    },
  });
  return { metrics: [...metrics], error };
}

/** A histogram's series (_bucket, _sum, _count) belong to its metric. */
function metricExists(name: string, known: Set<string>): boolean {
  return known.has(name) || known.has(name.replace(/_(bucket|sum|count)$/, ''));
}

interface DashboardPanel {
  title?: string;
  type?: string;
  targets?: { expr?: string }[];
  panels?: DashboardPanel[];
}

/**
 * Prometheus operator resources and the Grafana dashboard: every service's Service is scraped on its http
 * port at /metrics; every alert and panel query parses and reads only metrics the services expose
 * (`known`); the alerts the operators rely on (`requiredAlerts`: alert name -> metric it must read) exist.
 */
export function checkMonitoring(
  objects: KubernetesObject[],
  services: ServiceFacts[],
  known: Set<string>,
  requiredAlerts: Record<string, string>,
): string[] {
  const violations: string[] = [];
  const monitors = ofKind(objects, 'ServiceMonitor');
  for (const service of services) {
    const svc = named(objects, 'Service', service.name);
    if (!svc) continue;
    const scraping = monitors.filter(
      (m) =>
        selects(m.spec.selector, svc.metadata.labels ?? {}) &&
        (m.spec.endpoints ?? []).some(
          (e: { port?: string; path?: string }) =>
            svc.spec.ports.some((p: { name?: string }) => p.name === e.port) &&
            (e.path ?? '/metrics') === '/metrics',
        ),
    );
    if (scraping.length !== 1)
      violations.push(`service ${service.name}: scraped by ${scraping.length} ServiceMonitors, not 1`);
  }

  const alerts = new Map<string, string[]>();
  for (const rule of ofKind(objects, 'PrometheusRule')) {
    for (const group of rule.spec.groups ?? []) {
      for (const entry of group.rules ?? []) {
        const at = `PrometheusRule/${rule.metadata.name} ${entry.alert ?? entry.record}`;
        const { metrics, error } = promqlMetrics(String(entry.expr ?? ''));
        if (error) violations.push(`${at}: expr ${error}`);
        for (const metric of metrics.filter((m) => !metricExists(m, known)))
          violations.push(`${at}: reads ${metric}, which no service exposes`);
        if (entry.alert) {
          alerts.set(entry.alert, metrics);
          if (!entry.labels?.severity) violations.push(`${at}: no severity label`);
          if (!entry.annotations?.summary || !entry.annotations?.description)
            violations.push(`${at}: no summary or description`);
        }
      }
    }
  }
  for (const [alert, metric] of Object.entries(requiredAlerts)) {
    if (!alerts.has(alert)) violations.push(`alert ${alert} is missing`);
    else if (!alerts.get(alert)!.includes(metric)) violations.push(`alert ${alert} does not read ${metric}`);
  }

  const dashboards = ofKind(objects, 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
  if (dashboards.length === 0) violations.push('no Grafana dashboard ConfigMap (label grafana_dashboard=1)');
  const shown = new Set<string>();
  for (const configMap of dashboards) {
    for (const [file, text] of Object.entries<string>(configMap.data ?? {})) {
      const at = `ConfigMap/${configMap.metadata.name} ${file}`;
      let dashboard: { uid?: string; panels?: DashboardPanel[] };
      try {
        dashboard = JSON.parse(text);
      } catch (error) {
        violations.push(`${at}: not JSON (${(error as Error).message})`);
        continue;
      }
      if (!dashboard.uid) violations.push(`${at}: no uid`);
      const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
      for (const panel of panels.filter((p) => p.type !== 'row')) {
        if (!panel.targets?.length) violations.push(`${at} panel "${panel.title}": no query`);
        for (const target of panel.targets ?? []) {
          const { metrics, error } = promqlMetrics(String(target.expr ?? ''));
          if (error) violations.push(`${at} panel "${panel.title}": ${error}`);
          for (const metric of metrics) {
            shown.add(metric.replace(/_(bucket|sum|count)$/, ''));
            if (!metricExists(metric, known))
              violations.push(`${at} panel "${panel.title}": reads ${metric}, which no service exposes`);
          }
        }
      }
    }
  }
  // Every operational metric of the services has a panel (the process defaults need none).
  for (const metric of [...known].filter((m) => m.startsWith('motcua_') && !shown.has(m)))
    if (dashboards.length > 0) violations.push(`metric ${metric} has no dashboard panel`);
  return violations;
}
