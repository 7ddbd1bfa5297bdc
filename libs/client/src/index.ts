export {
  createMotcuaClient,
  type MotcuaClient,
  type MotcuaClientOptions,
  type MotcuaPaths,
  type MotcuaService,
} from './motcua-client';
export {
  isMotcuaProblem,
  MotcuaProblemError,
  unwrap,
  type MotcuaFieldError,
  type MotcuaProblem,
} from './problem';
export type * as DataSharingApi from './generated/data-sharing';
export type * as DigitizationApi from './generated/digitization';
export type * as EsignatureApi from './generated/esignature';
export type * as IntakeApi from './generated/intake';
export type * as MetricsApi from './generated/metrics';
export type * as PopulationRegistryStubApi from './generated/population-registry-stub';
