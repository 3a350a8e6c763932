// @ts-check

/**
 * The group that owned the use case when a request was made (the requester's team), on
 * requests and grants, so the read permission's "use case owned by" rule filters lists in SQL.
 * Nullable: rows from before are filled in from the catalog by a task at start-up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('access_requests', table => {
    table
      .string('use_case_owner')
      .nullable()
      .comment('Owner group of the use case when requested');
    table.index(['use_case_owner'], 'access_requests_use_case_owner_idx');
  });
  await knex.schema.alterTable('access_grants', table => {
    table
      .string('use_case_owner')
      .nullable()
      .comment('Owner group of the use case when granted');
    table.index(['use_case_owner'], 'access_grants_use_case_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('access_grants', table => {
    table.dropIndex(['use_case_owner'], 'access_grants_use_case_owner_idx');
    table.dropColumn('use_case_owner');
  });
  await knex.schema.alterTable('access_requests', table => {
    table.dropIndex(['use_case_owner'], 'access_requests_use_case_owner_idx');
    table.dropColumn('use_case_owner');
  });
};
