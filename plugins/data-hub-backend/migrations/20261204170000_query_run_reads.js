// @ts-check

/**
 * What each query run read, and under which grants: every read of its output (a page, the CSV
 * download) is authorized again against the grants live at that moment.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('query_history', table => {
    table
      .text('reads')
      .nullable()
      .comment(
        'JSON array of {datasetRef, glueDatabase, table, columns} the statement reads',
      );
    table
      .text('grant_ids')
      .nullable()
      .comment('JSON array of the access grant ids the run used');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('query_history', table => {
    table.dropColumn('grant_ids');
    table.dropColumn('reads');
  });
};
