// Offline validation of rendered manifests against the JSON schemas of one Kubernetes version (the
// strict variant: an unknown field is an error, as `kubectl apply --validate=strict` would say).
// The schemas come from the PyPI package kubernetes-validate (infra/test/ensure-tools.mjs); they are
// draft 2020-12 documents whose $refs all point into one _definitions.json, so ajv resolves them
// without any network.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [field: string]: any;
}

export class KubernetesSchemas {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly dir: string) {
    // Formats (int32, byte, date-time) are not checked, as kubeconform does not either.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    this.ajv.addSchema(JSON.parse(readFileSync(join(dir, '_definitions.json'), 'utf8')));
  }

  /** File of a kind's schema: deployment-apps-v1.json, service-v1.json, networkpolicy-networking-v1.json. */
  schemaFile(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const groupPart = group ? `-${group.split('.')[0]}` : '';
    return `${kind.toLowerCase()}${groupPart}-${version}.json`;
  }

  /** True when the pinned Kubernetes version has this apiVersion and kind. */
  knows(object: KubernetesObject): boolean {
    return existsSync(join(this.dir, this.schemaFile(object.apiVersion, object.kind)));
  }

  /** Schema errors of one object, as readable lines (empty when valid). */
  validate(object: KubernetesObject): string[] {
    const file = this.schemaFile(object.apiVersion, object.kind);
    let validator = this.compiled.get(file);
    if (!validator) {
      validator = this.ajv.compile(JSON.parse(readFileSync(join(this.dir, file), 'utf8')));
      this.compiled.set(file, validator);
    }
    if (validator(object)) return [];
    return (validator.errors ?? []).map(
      (e: ErrorObject) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }
}
