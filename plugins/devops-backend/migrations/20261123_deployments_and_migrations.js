// @ts-check

/**
 * The deployment ledger and the migration-report history.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment('Every deployment of a catalog entity to an environment');
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable().comment('Lower-cased entity ref');
    table.string('environment').notNullable();
    table.string('version').notNullable();
    table.string('status').notNullable();
    table.string('strategy').nullable();
    table
      .string('external_id')
      .notNullable()
      .comment('Idempotency key: explicit, or derived from the payload');
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table
      .timestamp('sort_at', { useTz: true })
      .notNullable()
      .comment('started_at, or when the first report arrived');
    table.string('commit_sha').nullable();
    table.timestamp('commit_time', { useTz: true }).nullable();
    table.string('actor').nullable();
    table.text('url').nullable();
    table.string('rollback_of').nullable();
    table.text('description').nullable();
    table
      .integer('revision')
      .notNullable()
      .comment('Bumped on every change; guards concurrent updates');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'external_id'], {
      indexName: 'deployments_entity_external_id_uniq',
    });
    // Both orderings the API pages and seeks by: newest first, id breaking ties.
    table.index(
      ['entity_ref', 'environment', 'sort_at', 'id'],
      'deployments_entity_env_sort_idx',
    );
    table.index(['entity_ref', 'sort_at', 'id'], 'deployments_entity_sort_idx');
  });

  await knex.schema.createTable('migration_states', table => {
    table.comment(
      'Current state of each database migration per entity and environment',
    );
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table.string('migration_id').notNullable();
    table.string('name').nullable();
    table.string('checksum').nullable();
    table.string('status').notNullable();
    table.string('tool').notNullable();
    table.timestamp('applied_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table
      .integer('revision')
      .notNullable()
      .comment('Bumped on every change; guards concurrent reports');
    table.timestamp('first_reported_at', { useTz: true }).notNullable();
    table.timestamp('last_reported_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'environment', 'migration_id']);
  });

  await knex.schema.createTable('migration_history', table => {
    table.comment('Every change a migration report made; never rewritten');
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table.string('migration_id').notNullable();
    table.integer('revision').notNullable();
    table.string('name').nullable();
    table.string('checksum').nullable();
    table.string('status').notNullable();
    table.string('tool').notNullable();
    table.timestamp('applied_at', { useTz: true }).nullable();
    table.integer('duration_ms').nullable();
    table.timestamp('reported_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'environment', 'migration_id', 'revision'], {
      indexName: 'migration_history_revision_uniq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('migration_history');
  await knex.schema.dropTable('migration_states');
  await knex.schema.dropTable('deployments');
};
