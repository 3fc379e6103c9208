// @ts-check

/**
 * Results of polling each entity's health URL per environment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('health_checks', table => {
    table.comment('One row per health check of an entity environment');
    table.bigIncrements('id').primary();
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table.text('url').notNullable();
    table.string('status').notNullable().comment('up, degraded or down');
    table.integer('http_status').nullable();
    table.integer('latency_ms').nullable();
    table.string('error_class').nullable();
    table.text('error_message').nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.index(
      ['entity_ref', 'environment', 'checked_at'],
      'health_checks_entity_env_time_idx',
    );
    table.index(['checked_at'], 'health_checks_time_idx');
  });

  await knex.schema.createTable('health_current', table => {
    table.comment(
      'Newest check per entity environment: what pages show and when the next check is due',
    );
    table.string('entity_ref').notNullable();
    table.string('environment').notNullable();
    table.text('url').notNullable();
    table.string('status').notNullable();
    table.integer('http_status').nullable();
    table.integer('latency_ms').nullable();
    table.string('error_class').nullable();
    table.text('error_message').nullable();
    table.timestamp('checked_at', { useTz: true }).notNullable();
    table.primary(['entity_ref', 'environment']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('health_current');
  await knex.schema.dropTable('health_checks');
};
