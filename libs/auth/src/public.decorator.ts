import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_ROUTE = 'motcua:public-route';

/** Marks a route that needs no token (health, metrics, docs, the citizen status lookup). */
export const Public = () => SetMetadata(IS_PUBLIC_ROUTE, true);
