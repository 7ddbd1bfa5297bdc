export {
  ProblemException,
  problemType,
  type ProblemDetails,
  type FieldError,
  type FieldErrorDetails,
  type FieldLocation,
} from './problem';
export { ProblemDetailsFilter, jsonPointerOf } from './problem-details.filter';
export {
  createValidationPipe,
  flattenValidationErrors,
  invalidFieldsDetail,
  loneSurrogatePathOf,
  nulPathOf,
  validationProblem,
} from './validation';
export {
  localized,
  isLocalizedText,
  negotiateLanguage,
  type Language,
  type LocalizedText,
} from './i18n/language';
export { createServiceApp, type ServiceAppOptions } from './service-app';
export { PaginationQuery, MAX_PAGE, MAX_PAGE_SIZE } from './pagination';
export { IsInstant, isInstant } from './is-instant.decorator';
export {
  buildOpenApiDocument,
  completeOpenApiDocument,
  documentValidationConstraints,
  PUBLIC_OPERATION_EXTENSION,
} from './openapi';
export { ApiFileResponse, ApiPagedResponse, ChangeLogEntryResponse, Page } from './openapi-responses';
