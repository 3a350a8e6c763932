// @ts-check

/**
 * Access requests, the grants they produce, and the audit trail of every transition.
 * Timestamps are stored as timestamps (Date in, Date or epoch ms out depending on the engine).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('access_grants', table => {
    table.comment(
      'Access a use case holds on a dataset, enforced by a granter until it expires',
    );
    table.string('id').primary();
    table.string('dataset_ref').notNullable();
    table.string('dataset_hub').notNullable();
    table.string('dataset_owner').notNullable();
    table.string('classification').notNullable();
    table.string('use_case_ref').notNullable();
    table.string('use_case_hub').notNullable();
    table.text('tables').notNullable().comment('JSON [{name, columns[]}]');
    table
      .string('request_id')
      .notNullable()
      .comment('The request that created or last extended it');
    table.string('granter').notNullable();
    table.string('state').notNullable().comment('live | expired | revoked');
    table.timestamp('granted_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('ended_at', { useTz: true }).nullable();
    table.string('ended_by').nullable();
    table.timestamp('reminded_at', { useTz: true }).nullable();
    table.index(['state', 'expires_at'], 'access_grants_state_expires_idx');
    table.index(['dataset_ref'], 'access_grants_dataset_idx');
    table.index(['use_case_ref'], 'access_grants_use_case_idx');
  });
  // At most one live grant per dataset and use case: extensions update it in place.
  await knex.schema.alterTable('access_grants', table => {
    table.unique(['dataset_ref', 'use_case_ref'], {
      indexName: 'access_grants_one_live_uniq',
      predicate: knex.whereRaw("state = 'live'"),
    });
  });

  await knex.schema.createTable('access_requests', table => {
    table.comment('Requests of use cases for access to (columns of) a dataset');
    table.string('id').primary();
    table.string('dataset_ref').notNullable();
    table.string('dataset_title').nullable();
    table.string('dataset_hub').notNullable();
    table.string('dataset_owner').notNullable();
    table.string('classification').notNullable();
    table.string('use_case_ref').notNullable();
    table.string('use_case_hub').notNullable();
    table.string('requester').notNullable();
    table.text('tables').notNullable().comment('JSON [{name, columns[]}]');
    table.text('justification').notNullable();
    table.integer('duration_days').notNullable();
    table.string('state').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('decided_by').nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_comment').nullable();
    table.string('grant_id').nullable();
    table.string('extends_grant_id').nullable();
    table.text('grant_error').nullable();
    table.index(['requester', 'created_at'], 'access_requests_requester_idx');
    table.index(['dataset_owner', 'state'], 'access_requests_owner_state_idx');
    table.index(['dataset_ref'], 'access_requests_dataset_idx');
    table.index(['use_case_ref'], 'access_requests_use_case_idx');
    table.index(['grant_id'], 'access_requests_grant_idx');
  });

  await knex.schema.createTable('access_audit', table => {
    table.comment(
      'Every transition of requests and grants: who, when, before and after',
    );
    table.bigIncrements('id').primary();
    table.timestamp('at', { useTz: true }).notNullable();
    table.string('actor').notNullable();
    table.string('action').notNullable();
    table.string('dataset_ref').notNullable();
    table.string('use_case_ref').notNullable();
    table.string('request_id').nullable();
    table.string('grant_id').nullable();
    table.text('before').nullable().comment('JSON');
    table.text('after').nullable().comment('JSON');
    table.text('comment').nullable();
    table.index(['dataset_ref', 'id'], 'access_audit_dataset_idx');
    table.index(['use_case_ref', 'id'], 'access_audit_use_case_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('access_audit');
  await knex.schema.dropTable('access_requests');
  await knex.schema.dropTable('access_grants');
};
