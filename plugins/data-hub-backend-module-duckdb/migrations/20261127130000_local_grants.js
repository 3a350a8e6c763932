// @ts-check

/**
 * Grants of the embedded default, which the DuckDB engine enforces: a use case sees only
 * these tables and columns of the local lake.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('duckdb_local_grants', table => {
    table.comment('Tables and columns of the local lake a use case may query');
    table.string('use_case_ref').notNullable();
    table.string('glue_database').notNullable();
    table.string('table_name').notNullable();
    table.text('columns').notNullable().comment('JSON array of column names');
    table.string('grant_id').notNullable();
    table.timestamp('granted_at', { useTz: true }).notNullable();
    table.primary(['use_case_ref', 'glue_database', 'table_name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('duckdb_local_grants');
};
