// @ts-check

// The clock skew a report's times were allowed when this ran (5 minutes):
// a start later than that after the row was received was a report from the
// future, which would otherwise stay the newest deployment for good.
const SKEW_MS = 5 * 60 * 1000;

/**
 * Orders existing deployments by when they happened: `sort_at` was the
 * start, or the receipt time when a report carried no start. Now it is the
 * start, else the finish, else the receipt time, and never a time that was
 * in the future when the report arrived.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex('deployments')
    .whereNull('started_at')
    .whereNotNull('finished_at')
    .update({ sort_at: knex.ref('finished_at') });

  const future =
    knex.client.config.client === 'pg'
      ? knex.raw(`created_at + interval '${SKEW_MS} milliseconds'`)
      : // SQLite keeps knex's timestamps as epoch milliseconds.
        knex.raw(`created_at + ${SKEW_MS}`);
  await knex('deployments')
    .where('sort_at', '>', future)
    .update({ sort_at: knex.ref('created_at') });
};

/**
 * Back to the start, else the receipt time (the order before this
 * migration, minus the future times, which are not restored).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex('deployments')
    .whereNull('started_at')
    .update({ sort_at: knex.ref('created_at') });
};
