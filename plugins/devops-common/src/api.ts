import type { operations } from './generated/openapi';

/**
 * The query parameters of a DevOps API operation, by its `operationId` in
 * the OpenAPI spec, for example `DevopsApiQuery<'ListDeployments'>`.
 *
 * @public
 */
export type DevopsApiQuery<Op extends keyof operations> = NonNullable<
  operations[Op]['parameters']['query']
>;

/**
 * The JSON body a DevOps API operation answers with `Status` (200 unless
 * given), by its `operationId` in the OpenAPI spec, for example
 * `DevopsApiResponseBody<'GetEntitySummary'>`.
 *
 * @public
 */
export type DevopsApiResponseBody<
  Op extends keyof operations,
  Status extends number = 200,
> = operations[Op]['responses'] extends {
  [S in Status]: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
