export { loadInfraEnv, REPO_ROOT, type InfraEnv } from '@motcua/dev-stack';
export { createTestIsolation, minioClientFor, type TestIsolation } from './isolation';
export { startIsolatedStack, type IsolatedStack } from './stack-isolation';
export { testLogger, tokenFor, waitFor } from './helpers';
export { eventProducer, kafkaFor, recordEvents, type EventRecorder } from './events';
export {
  startServiceForTest,
  serviceConfigFor,
  schemaDriftOf,
  type ServiceUnderTest,
} from './service-harness';
export { describeServiceBasics } from './service-basics';
export {
  routeRulesOf,
  walkAuthorizationMatrix,
  authorizationMatrixMarkdown,
  readmeMatrix,
  MATRIX_AGENCIES,
  type RouteRule,
  type MatrixCall,
} from './authorization-matrix';
export { metricValue } from './metrics-text';
export { testLogFile, testRunLogDir, testLogsToConsole } from './test-logs';
export { startPrivateInfra, type PrivateInfra, type InfraComponent } from './private-infra';
