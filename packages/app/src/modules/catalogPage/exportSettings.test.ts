import { mergeExportSettings } from './exportSettings';

describe('mergeExportSettings', () => {
  const csv = { exporter: jest.fn(), label: 'CSV (custom)' };
  const xlsx = { exporter: jest.fn() };

  it('gives no export unless the config enables it', () => {
    expect(mergeExportSettings(undefined, [])).toBeUndefined();
    expect(
      mergeExportSettings({ enabled: false }, [{ exporters: { csv } }]),
    ).toBeUndefined();
  });

  it('adds up exporters; the first columns and callbacks win', () => {
    const onError = jest.fn();
    const first = [{ entityFilterKey: 'metadata.name', title: 'Name' }];
    const merged = mergeExportSettings(
      { enabled: true, disableBuiltinExporters: true },
      [
        { exporters: { csv }, columns: first },
        undefined,
        {
          exporters: { xlsx },
          columns: [{ entityFilterKey: 'kind' }],
          onError,
        },
      ],
    );
    expect(merged).toEqual({
      enabled: true,
      disableBuiltinExporters: true,
      exporters: { csv, xlsx },
      columns: first,
      onError,
    });
  });
});
