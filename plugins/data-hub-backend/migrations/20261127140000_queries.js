// @ts-check

/**
 * Query history (every query a person ran, as which use case, how it went) and saved
 * queries (private, or shared with a use case's team).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('query_history', table => {
    table.comment('Every query run through the portal');
    table.string('id').primary();
    table.string('user_ref').notNullable();
    table.string('use_case_ref').notNullable();
    table.text('sql').notNullable();
    table.string('engine').notNullable();
    table.string('engine_query_id').nullable();
    table.string('state').notNullable();
    table.text('error').nullable();
    table
      .text('datasets')
      .nullable()
      .comment('JSON array of dataset refs the query read');
    table.bigInteger('rows').nullable();
    table.bigInteger('bytes_scanned').nullable();
    table.integer('elapsed_ms').nullable();
    table.double('cost_usd').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['user_ref', 'created_at'], 'query_history_user_idx');
    table.index(['use_case_ref', 'created_at'], 'query_history_use_case_idx');
  });
  await knex.schema.createTable('saved_queries', table => {
    table.comment('Queries people keep, privately or shared with a use case');
    table.string('id').primary();
    table.string('owner_ref').notNullable();
    table.string('use_case_ref').notNullable();
    table.string('name').notNullable();
    table.text('description').nullable();
    table.text('sql').notNullable();
    table.boolean('shared').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['owner_ref'], 'saved_queries_owner_idx');
    table.index(['use_case_ref', 'shared'], 'saved_queries_use_case_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('saved_queries');
  await knex.schema.dropTable('query_history');
};
