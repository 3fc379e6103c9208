import type { DevopsApiPaths } from '@backstage-devops/plugin-devops-common';
import type { Request, RequestHandler, Router } from 'express';

type Method = 'get' | 'post';

/** The spec's paths that have an operation for `M`. */
type SpecPath<M extends Method> = {
  [P in keyof DevopsApiPaths]: DevopsApiPaths[P][M] extends {
    responses: unknown;
  }
    ? P
    : never;
}[keyof DevopsApiPaths];

type Operation<M extends Method, P extends SpecPath<M>> = Extract<
  DevopsApiPaths[P][M],
  { responses: unknown }
>;

type JsonBody<R> = R extends { content: { 'application/json': infer B } }
  ? B
  : never;

/** Statuses a handler answers itself; errors are thrown, not sent. */
type SuccessStatus<Op extends { responses: unknown }> = Extract<
  keyof Op['responses'],
  200 | 201
>;

/**
 * What a handler may send: only the JSON body the spec documents for the
 * status, so a handler answering a shape the spec does not describe fails
 * the type check.
 */
export interface SpecResponse<Op extends { responses: unknown }> {
  /** Sends `body` with status 200. */
  json(
    body: JsonBody<Op['responses'][Extract<200, keyof Op['responses']>]>,
  ): void;
  /** Sets a success status the spec documents, then sends its body. */
  status<S extends SuccessStatus<Op>>(
    code: S,
  ): { json(body: JsonBody<Op['responses'][S]>): void };
}

/** A route handler whose response is typed by its operation in the spec. */
export type SpecHandler<Op extends { responses: unknown }> = (
  req: Request,
  res: SpecResponse<Op>,
) => Promise<void>;

/** Express writes the spec's `{param}` as `:param`. */
function expressPath(specPath: string): string {
  return specPath.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Registers routes on `router` by their path in the OpenAPI spec
 * (`schema/openapi.yaml`), typed by the types generated from it: a path the
 * spec lacks or a response body it does not describe fails the type check.
 * Requests are still validated by each handler (zod, see `validation.ts`),
 * whose messages name every offending field.
 */
export function specRoutes(router: Router) {
  return {
    get<P extends SpecPath<'get'>>(
      path: P,
      handler: SpecHandler<Operation<'get', P>>,
    ): void {
      router.get(expressPath(path), handler as unknown as RequestHandler);
    },
    post<P extends SpecPath<'post'>>(
      path: P,
      handler: SpecHandler<Operation<'post', P>>,
    ): void {
      router.post(expressPath(path), handler as unknown as RequestHandler);
    },
  };
}

/** The route registrar {@link specRoutes} returns. */
export type SpecRoutes = ReturnType<typeof specRoutes>;
