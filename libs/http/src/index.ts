export { ProblemException, problemType, type ProblemDetails, type FieldError } from './problem';
export { ProblemDetailsFilter } from './problem-details.filter';
export { createValidationPipe, flattenValidationErrors, nulPathOf } from './validation';
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
