/**
 * The parts of an OpenLineage 2-0-x RunEvent the data hub reads. Events are validated
 * against the full schema first (see OpenLineageValidator), so these types only name
 * what is used and allow everything else.
 */
export type RunEventType =
  | 'START'
  | 'RUNNING'
  | 'COMPLETE'
  | 'ABORT'
  | 'FAIL'
  | 'OTHER';

export interface OpenLineageTransformation {
  type: string;
  subtype?: string;
  description?: string;
  masking?: boolean;
}

export interface OpenLineageInputField {
  namespace: string;
  name: string;
  field: string;
  transformations?: OpenLineageTransformation[];
}

export interface ColumnLineageFacet {
  fields: Record<
    string,
    {
      inputFields: OpenLineageInputField[];
      transformationDescription?: string;
      transformationType?: string;
    }
  >;
}

export interface ErrorMessageFacet {
  message: string;
  programmingLanguage: string;
  stackTrace?: string;
}

export interface OpenLineageDataset {
  namespace: string;
  name: string;
  facets?: { columnLineage?: ColumnLineageFacet; [facet: string]: unknown };
}

export interface RunEvent {
  eventType?: RunEventType;
  eventTime: string;
  producer: string;
  schemaURL: string;
  run: {
    runId: string;
    facets?: { errorMessage?: ErrorMessageFacet; [facet: string]: unknown };
  };
  job: { namespace: string; name: string; facets?: Record<string, unknown> };
  inputs?: OpenLineageDataset[];
  outputs?: OpenLineageDataset[];
}

/** States after which a run does not change any more, except by a later terminal event. */
export const TERMINAL_STATES: ReadonlySet<string> = new Set([
  'COMPLETE',
  'FAIL',
  'ABORT',
]);
