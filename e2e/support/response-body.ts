/**
 * The type of a response body: the document's when openapi/<service>.json declares a schema for that status,
 * otherwise `Assumed`, the shape the test relies on. openapi-fetch types a body without schema as never/undefined;
 * once the document declares one (and `npm run client` regenerates the types), the document's type takes over and
 * every field the test reads is checked against it, so an assumption that disagrees with the document stops
 * compiling.
 */
export type DocumentedOr<D, Assumed> = [D] extends [never] ? Assumed : [D] extends [undefined] ? Assumed : D;

/**
 * `bodyOf<{ code: string }>()(await client.POST(...))`: the parsed body of a response as `DocumentedOr`. Each use
 * with an `Assumed` marks an operation whose document lacks a response schema (listed in libs/client/README.md).
 */
export function bodyOf<Assumed>() {
  return <D>(result: { data?: D; response: Response }): DocumentedOr<D, Assumed> =>
    // openapi-fetch parsed the JSON whatever the document says; only its static type is missing.
    result.data as DocumentedOr<D, Assumed>;
}
