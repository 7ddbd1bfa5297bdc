export { loadInfraEnv, parseEnvFile, REPO_ROOT, type InfraEnv } from './infra-env';
export { STACK_SERVICES, type StackService } from './stack-services';
export {
  prepareStack,
  startStack,
  stackServiceEnv,
  databaseUrlsFor,
  servicePort,
  type StackOptions,
  type RunningStack,
  type RunningService,
} from './stack';
export {
  DEVELOPMENT_CA_SUBJECT,
  developmentCaPaths,
  ensureDevelopmentCa,
  type DevelopmentCa,
} from './development-ca';
