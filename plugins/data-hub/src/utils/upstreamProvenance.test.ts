import { ANNOTATION_OBSERVED_UPSTREAM } from '@cloud-data-hub/data-hub-common';
import { sampleDataset } from '../testing/sampleDataset';
import { provenanceLabel, upstreamDatasets } from './upstreamProvenance';

describe('upstreamDatasets', () => {
  it('merges declared and observed upstream, one entry per dataset', () => {
    const dataset = sampleDataset();
    dataset.spec.upstream = [
      'vehicle-master-source',
      'dataset:default/vehicle-telemetry-source',
    ];
    dataset.metadata.annotations = {
      [ANNOTATION_OBSERVED_UPSTREAM]:
        'dataset:default/vehicle-telemetry-source,dataset:default/parts-catalog-source',
    };
    const upstream = upstreamDatasets(dataset);
    expect(upstream).toEqual([
      {
        entityRef: 'dataset:default/vehicle-master-source',
        declared: true,
        observed: false,
      },
      {
        entityRef: 'dataset:default/vehicle-telemetry-source',
        declared: true,
        observed: true,
      },
      {
        entityRef: 'dataset:default/parts-catalog-source',
        declared: false,
        observed: true,
      },
    ]);
    expect(upstream.map(provenanceLabel)).toEqual([
      'declared',
      'declared and observed',
      'observed',
    ]);
  });

  it('has no upstream when nothing is declared or observed', () => {
    const dataset = sampleDataset();
    dataset.spec.upstream = undefined;
    expect(upstreamDatasets(dataset)).toEqual([]);
  });
});
