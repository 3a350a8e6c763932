// @ts-check

/**
 * Observed lineage from OpenLineage RunEvents: jobs, their runs (one row per run, the state
 * machine's current state), the datasets each run read and wrote, column-level lineage and
 * run errors. Datasets are kept as OpenLineage names (namespace + name) and resolved to
 * catalog entities when read, so an event that arrives before its Dataset is registered is
 * not lost. `dataset_key`/`id` columns are hashes of the long text keys, because indexes
 * on several unbounded strings are not portable.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('lineage_jobs', table => {
    table.comment('Jobs that reported OpenLineage events');
    table.string('id', 64).primary().comment('sha256 of namespace + name');
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table
      .text('producer')
      .nullable()
      .comment('producer URI of the latest event');
    table
      .text('facets')
      .nullable()
      .comment('JSON job facets of the latest event');
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('lineage_runs', table => {
    table.comment(
      'One row per job run: its current state after all events so far',
    );
    table.string('run_id', 64).primary();
    table.string('job_id', 64).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('START | RUNNING | COMPLETE | FAIL | ABORT | OTHER');
    table
      .timestamp('state_time', { useTz: true })
      .notNullable()
      .comment('eventTime of the event that set state');
    table.timestamp('started_at', { useTz: true }).nullable();
    table
      .timestamp('ended_at', { useTz: true })
      .nullable()
      .comment('eventTime of the terminal event');
    table.text('producer').notNullable();
    table.timestamp('received_at', { useTz: true }).notNullable();
    table.index(['job_id', 'state_time'], 'lineage_runs_job_idx');
    table.index(['state', 'ended_at'], 'lineage_runs_state_idx');
  });
  await knex.schema.createTable('lineage_run_datasets', table => {
    table.comment(
      'Datasets a run read (input) or wrote (output): the observed edges',
    );
    table.string('run_id', 64).notNullable();
    table.string('direction', 8).notNullable().comment('input | output');
    table
      .string('dataset_key', 64)
      .notNullable()
      .comment('sha256 of namespace + name');
    table.text('namespace').notNullable();
    table.text('name').notNullable();
    table.primary(['run_id', 'direction', 'dataset_key']);
    table.index(
      ['dataset_key', 'direction'],
      'lineage_run_datasets_dataset_idx',
    );
  });
  await knex.schema.createTable('lineage_column_lineage', table => {
    table.comment(
      'Column-level lineage from ColumnLineageDatasetFacet: output field <- input field',
    );
    table.string('id', 64).primary().comment('sha256 of the whole edge');
    table.string('run_id', 64).notNullable();
    table.string('output_key', 64).notNullable();
    table.text('output_namespace').notNullable();
    table.text('output_name').notNullable();
    table.text('output_field').notNullable();
    table.text('input_namespace').notNullable();
    table.text('input_name').notNullable();
    table.text('input_field').notNullable();
    table
      .string('transformation_type', 32)
      .nullable()
      .comment('DIRECT | INDIRECT, or the deprecated IDENTITY | MASKED');
    table.string('transformation_subtype', 64).nullable();
    table.text('description').nullable();
    table.boolean('masking').nullable();
    table.timestamp('event_time', { useTz: true }).notNullable();
    table.index(['output_key'], 'lineage_column_lineage_output_idx');
    table.index(['run_id'], 'lineage_column_lineage_run_idx');
  });
  await knex.schema.createTable('lineage_run_errors', table => {
    table.comment('Errors reported by runs (ErrorMessageRunFacet)');
    table
      .string('id', 64)
      .primary()
      .comment('sha256 of run id + event time + message');
    table.string('run_id', 64).notNullable();
    table.timestamp('event_time', { useTz: true }).notNullable();
    table.text('message').notNullable();
    table.string('programming_language', 64).nullable();
    table.text('stack_trace').nullable();
    table.index(['run_id'], 'lineage_run_errors_run_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lineage_run_errors');
  await knex.schema.dropTable('lineage_column_lineage');
  await knex.schema.dropTable('lineage_run_datasets');
  await knex.schema.dropTable('lineage_runs');
  await knex.schema.dropTable('lineage_jobs');
};
