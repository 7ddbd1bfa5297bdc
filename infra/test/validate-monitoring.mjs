#!/usr/bin/env node
// Validates ServiceMonitor and PrometheusRule objects (a JSON array on stdin) against the Prometheus
// operator's CRD schemas shipped by the npm package @kubernetes-models/prometheus-operator, and prints one
// `Kind/name: error` line per problem as a JSON array. A separate process because the package is ES
// modules only, which jest's CommonJS runtime cannot import.
import { readFileSync } from 'node:fs';
import {
  PrometheusRule,
  ServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

const models = { ServiceMonitor, PrometheusRule };
const errors = [];
for (const object of JSON.parse(readFileSync(0, 'utf8'))) {
  const Model = models[object.kind];
  const at = `${object.kind}/${object.metadata?.name}`;
  if (!Model || object.apiVersion !== 'monitoring.coreos.com/v1') {
    errors.push(`${at}: ${object.apiVersion} is not a known monitoring.coreos.com/v1 kind`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    errors.push(`${at}: ${error.message}`);
  }
}
console.log(JSON.stringify(errors));
