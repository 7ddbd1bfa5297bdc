/** The six services as the local stack runs them (ARCHITECTURE.md §1). */
export interface StackService {
  name: string;
  /** Offset from the stack's port base: 3000 + 1 = 3001 for intake. */
  portOffset: number;
  /** Postgres schema it owns; absent for the registry stub, which has no database. */
  schema?: string;
  usesObjectStorage?: boolean;
  /** Calls the population registry (the stub in this stack). */
  usesRegistry?: boolean;
  /** Calls intake (the metrics dashboard reads dossier histories from it). */
  usesIntake?: boolean;
}

export const STACK_SERVICES: readonly StackService[] = [
  { name: 'intake', portOffset: 1, schema: 'intake' },
  { name: 'digitization', portOffset: 2, schema: 'digitization', usesObjectStorage: true },
  { name: 'esignature', portOffset: 3, schema: 'esignature', usesObjectStorage: true },
  { name: 'data-sharing', portOffset: 4, schema: 'data_sharing', usesRegistry: true },
  { name: 'population-registry-stub', portOffset: 5 },
  { name: 'metrics', portOffset: 6, schema: 'metrics', usesIntake: true },
];
