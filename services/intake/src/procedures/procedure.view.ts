import type { ProcedureRules } from './procedure-catalogue';
import { ProcedureVersionEntity } from './procedure-version.entity';
import { ProcedureEntity } from './procedure.entity';
import type { ProcedureResponse, ProcedureVersionResponse } from './procedure.response';

export function toProcedureRules(
  procedure: ProcedureEntity,
  version: ProcedureVersionEntity,
): ProcedureRules {
  return {
    code: procedure.code,
    name: procedure.name,
    field: procedure.field,
    agencyLevel: version.agencyLevel ?? procedure.agencyLevel,
    resultKind: procedure.resultKind,
    resultName: procedure.resultName,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    limit: { value: version.processingLimit, unit: version.limitUnit },
    limitNote: version.limitNote,
    feeVnd: version.feeVnd,
    feeNote: version.feeNote,
    components: version.components,
    legalBasis: version.legalBasis,
  };
}

export function toVersionView(version: ProcedureVersionEntity): ProcedureVersionResponse {
  return {
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    processingLimit: { value: version.processingLimit, unit: version.limitUnit },
    limitNote: version.limitNote,
    feeVnd: version.feeVnd,
    feeNote: version.feeNote,
    components: version.components,
    legalBasis: version.legalBasis,
    agencyLevel: version.agencyLevel,
  };
}

/** A procedure as the catalogue API shows it: its identity plus the rules of one version, flattened. */
export function toProcedureView(
  procedure: ProcedureEntity,
  version: ProcedureVersionEntity,
): ProcedureResponse {
  return {
    code: procedure.code,
    name: procedure.name,
    field: procedure.field,
    resultKind: procedure.resultKind,
    resultName: procedure.resultName,
    codeConfirmed: procedure.codeConfirmed,
    note: procedure.note,
    ...toVersionView(version),
    agencyLevel: version.agencyLevel ?? procedure.agencyLevel,
  };
}

export type ProcedureView = ReturnType<typeof toProcedureView>;
export type ProcedureDetailView = ProcedureView & { versions: ReturnType<typeof toVersionView>[] };
