import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC_ROUTE = 'motcua:public-route';

/**
 * Marks a route that needs no token (health, metrics, docs, the citizen status lookup). The OpenAPI extension lets
 * libs/http document it without a security requirement (PUBLIC_OPERATION_EXTENSION there).
 */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC_ROUTE, true), ApiExtension('x-motcua-public', true));
