// @ts-check

/**
 * Alerts received from Prometheus Alertmanager, one row per fingerprint,
 * and when each alert source was last heard from.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('alerts', table => {
    table.comment('Latest known state of each Alertmanager alert');
    table.string('fingerprint').primary();
    table.string('status').notNullable().comment('firing or resolved');
    table.string('alertname').nullable();
    table.string('severity').notNullable().comment('P0 to P3');
    table.text('labels').notNullable().comment('JSON object');
    table.text('annotations').notNullable().comment('JSON object');
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.text('generator_url').nullable();
    table.text('external_url').nullable();
    table.string('source').notNullable().comment('webhook or sync');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status', 'updated_at'], 'alerts_status_updated_idx');
  });

  await knex.schema.createTable('alert_sources', table => {
    table.comment('When alerts last arrived by webhook or by sync');
    table.string('name').primary();
    table.timestamp('last_webhook_at', { useTz: true }).nullable();
    table.timestamp('last_sync_at', { useTz: true }).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('alert_sources');
  await knex.schema.dropTable('alerts');
};
