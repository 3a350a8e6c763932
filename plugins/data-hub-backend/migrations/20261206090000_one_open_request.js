// @ts-check

/**
 * At most one open (pending or approved) request per dataset and use case, kept by the
 * database: two people of a team asking at the same moment both passed the workflow's check
 * (read committed), and both requests were stored. Open duplicates from before are withdrawn
 * (all but the oldest of each pair), each with an audit event, so the index can be created.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const open = ['pending', 'approved'];
  const rows = await knex('access_requests')
    .whereIn('state', open)
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select('id', 'dataset_ref', 'use_case_ref', 'state');
  const seen = new Set();
  const duplicates = rows.filter(row => {
    const pair = `${row.dataset_ref}\n${row.use_case_ref}`;
    if (!seen.has(pair)) {
      seen.add(pair);
      return false;
    }
    return true;
  });
  const at = new Date();
  for (const row of duplicates) {
    await knex.transaction(async tx => {
      await tx('access_requests')
        .where({ id: row.id })
        .update({ state: 'withdrawn', updated_at: at });
      await tx('access_audit').insert({
        at,
        actor: 'system:data-hub/migration',
        action: 'request.withdrawn',
        dataset_ref: row.dataset_ref,
        use_case_ref: row.use_case_ref,
        request_id: row.id,
        before: JSON.stringify({ state: row.state }),
        after: JSON.stringify({ state: 'withdrawn' }),
        comment: 'Another request of the use case for the dataset was open',
      });
    });
  }
  await knex.schema.alterTable('access_requests', table => {
    table.unique(['dataset_ref', 'use_case_ref'], {
      indexName: 'access_requests_one_open_uniq',
      predicate: knex.whereRaw("state in ('pending', 'approved')"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('access_requests', table => {
    // A partial unique index (not a constraint on PostgreSQL): dropped as an index.
    table.dropIndex(
      ['dataset_ref', 'use_case_ref'],
      'access_requests_one_open_uniq',
    );
  });
};
