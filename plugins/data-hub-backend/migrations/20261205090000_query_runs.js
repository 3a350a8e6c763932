// @ts-check

/**
 * Query runs as the server's own objects (issue: runs that survive restarts and replicas).
 * The history table becomes `query_runs`, the one store of runs (history is a view of it),
 * with what any replica needs to act on a run: the use case's hub and consumer role as they
 * were when it started, the grant set's fingerprint, the process running it (and when that
 * process last said so), a cancel request, progress, and the stored result's size and state.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.renameTable('query_history', 'query_runs');
  await knex.schema.alterTable('query_runs', table => {
    table
      .string('use_case_hub')
      .nullable()
      .comment('The use case hub when the run started');
    table
      .string('consumer_role_arn')
      .nullable()
      .comment('The role the run executes as (Athena), as it was at the start');
    table
      .string('grant_fingerprint')
      .nullable()
      .comment('SHA-256 of the grants (ids, tables, columns) the run used');
    table.double('progress').nullable();
    table.bigInteger('result_bytes').nullable();
    table
      .string('result_state')
      .nullable()
      .comment('available | removed; null while there is no result');
    table
      .string('runner_id')
      .nullable()
      .comment('The backend process executing an in-process run');
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment('When that process last reported the run alive');
    table.timestamp('cancel_requested_at', { useTz: true }).nullable();
    table.index(['state', 'engine'], 'query_runs_state_idx');
    table.index(['result_state', 'finished_at'], 'query_runs_result_idx');
    // The per-user results cap sums a user's available results after each of their runs.
    table.index(['user_ref', 'result_state'], 'query_runs_user_result_idx');
  });
  // Runs unfinished at the upgrade belonged to a process that kept them in memory: they are
  // over, and results of earlier runs were never stored.
  await knex('query_runs')
    .whereIn('state', ['queued', 'running'])
    .update({
      state: 'interrupted',
      error: JSON.stringify({
        kind: 'engine',
        message: 'The portal was upgraded while this query ran; run it again',
      }),
      finished_at: new Date(),
    });
  await knex('query_runs')
    .where('state', 'succeeded')
    .update({ result_state: 'removed' });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('query_runs', table => {
    table.dropIndex(['state', 'engine'], 'query_runs_state_idx');
    table.dropIndex(['result_state', 'finished_at'], 'query_runs_result_idx');
    table.dropIndex(['user_ref', 'result_state'], 'query_runs_user_result_idx');
    for (const column of [
      'use_case_hub',
      'consumer_role_arn',
      'grant_fingerprint',
      'progress',
      'result_bytes',
      'result_state',
      'runner_id',
      'heartbeat_at',
      'cancel_requested_at',
    ]) {
      table.dropColumn(column);
    }
  });
  await knex('query_runs')
    .where('state', 'interrupted')
    .update({ state: 'failed' });
  await knex.schema.renameTable('query_runs', 'query_history');
};
