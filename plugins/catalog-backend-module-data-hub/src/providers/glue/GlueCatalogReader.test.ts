import {
  GetDatabasesCommand,
  GetTablesCommand,
  GlueClient,
  GlueServiceException,
} from '@aws-sdk/client-glue';
import { mockClient } from 'aws-sdk-client-mock';
import { GlueCatalogReader } from './GlueCatalogReader';

const glueMock = mockClient(GlueClient);

describe('GlueCatalogReader (aws-sdk-client-mock)', () => {
  beforeEach(() => glueMock.reset());
  const reader = () =>
    new GlueCatalogReader(
      new GlueClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      }),
      '222222222222',
    );

  it('follows NextToken through every page of databases', async () => {
    glueMock
      .on(GetDatabasesCommand, { NextToken: undefined })
      .resolves({
        DatabaseList: [{ Name: 'a' }, { Name: 'b' }],
        NextToken: 'p2',
      })
      .on(GetDatabasesCommand, { NextToken: 'p2' })
      .resolves({ DatabaseList: [{ Name: 'c' }], NextToken: 'p3' })
      .on(GetDatabasesCommand, { NextToken: 'p3' })
      .resolves({ DatabaseList: [{ Name: 'd' }] });

    const names = (await reader().listDatabases()).map(d => d.Name);

    expect(names).toEqual(['a', 'b', 'c', 'd']);
    // (the paginator reuses one input object, so only the count and catalog are checked here)
    const calls = glueMock.commandCalls(GetDatabasesCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0].args[0].input).toMatchObject({
      CatalogId: '222222222222',
      MaxResults: 100,
    });
  });

  it('follows NextToken through every page of tables, and lists names only when asked', async () => {
    glueMock
      .on(GetTablesCommand, { DatabaseName: 'sales', NextToken: undefined })
      .resolves({
        TableList: [{ Name: 'orders', DatabaseName: 'sales' }],
        NextToken: 't2',
      })
      .on(GetTablesCommand, { DatabaseName: 'sales', NextToken: 't2' })
      .resolves({ TableList: [{ Name: 'dealers', DatabaseName: 'sales' }] });

    expect((await reader().listTables('sales')).map(t => t.Name)).toEqual([
      'orders',
      'dealers',
    ]);
    expect(await reader().listTableNames('sales')).toEqual([
      'orders',
      'dealers',
    ]);
    const nameOnly = glueMock
      .commandCalls(GetTablesCommand)
      .slice(2)
      .map(c => c.args[0].input);
    expect(
      nameOnly.every(i => JSON.stringify(i.AttributesToGet) === '["NAME"]'),
    ).toBe(true);
  });

  it('fails on an error page instead of returning what it has so far', async () => {
    glueMock
      .on(GetDatabasesCommand, { NextToken: undefined })
      .resolves({ DatabaseList: [{ Name: 'a' }], NextToken: 'p2' })
      .on(GetDatabasesCommand, { NextToken: 'p2' })
      .rejects(
        new GlueServiceException({
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 },
          message: 'User is not authorized to perform glue:GetDatabases',
        }),
      );

    await expect(reader().listDatabases()).rejects.toThrow(/not authorized/);
  });
});
