import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, {
  type ErrorObject,
  type ValidateFunction,
} from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { InputError } from '@backstage/errors';
import type { RunEvent } from './openLineage';

/** The largest batch one request may carry; bigger batches are split by the sender. */
export const MAX_BATCH_EVENTS = 1000;

function load(directory: string, file: string): object {
  return JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8'));
}

function describe(
  errors: ErrorObject[] | null | undefined,
  prefix: string,
): string[] {
  return (errors ?? []).map(e => {
    const at = `${prefix}${e.instancePath}` || '/';
    let extra = '';
    if (e.keyword === 'additionalProperties') {
      extra = ` (${
        (e.params as { additionalProperty: string }).additionalProperty
      })`;
    } else if (e.keyword === 'enum') {
      extra = ` (${(
        e.params as { allowedValues: unknown[] }
      ).allowedValues.join(', ')})`;
    }
    return `${at}: ${e.message}${extra}`;
  });
}

/**
 * Validates OpenLineage RunEvents against the shipped 2-0-x schema, and the facets the data hub
 * stores (column lineage, error message) against their own facet schemas: the core schema
 * accepts any object as a facet, so a malformed `columnLineage` would otherwise be stored.
 */
export class OpenLineageValidator {
  private readonly runEvent: ValidateFunction;
  private readonly columnLineage: ValidateFunction;
  private readonly errorMessage: ValidateFunction;

  constructor(schemaDirectory: string) {
    // strict off: the published schemas use keywords (example, deprecated) ajv does not know.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(load(schemaDirectory, 'OpenLineage.json'));
    ajv.addSchema(load(schemaDirectory, 'ColumnLineageDatasetFacet.json'));
    ajv.addSchema(load(schemaDirectory, 'ErrorMessageRunFacet.json'));
    const get = (ref: string) => {
      const fn = ajv.getSchema(ref);
      if (!fn)
        throw new Error(
          `OpenLineage schema ${ref} not found in ${schemaDirectory}`,
        );
      return fn;
    };
    this.runEvent = get(
      'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    );
    // The facet files' root schemas check just their own facet key of a facets object.
    this.columnLineage = get(
      'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json',
    );
    this.errorMessage = get(
      'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json',
    );
  }

  /** Problems of one event as "path: message" lines; empty when it is valid. */
  problems(event: unknown, prefix = ''): string[] {
    if (!this.runEvent(event)) return describe(this.runEvent.errors, prefix);
    const e = event as RunEvent;
    const problems: string[] = [];
    if (e.run.facets && !this.errorMessage(e.run.facets)) {
      problems.push(
        ...describe(this.errorMessage.errors, `${prefix}/run/facets`),
      );
    }
    (e.outputs ?? []).forEach((output, i) => {
      if (output.facets && !this.columnLineage(output.facets)) {
        problems.push(
          ...describe(
            this.columnLineage.errors,
            `${prefix}/outputs/${i}/facets`,
          ),
        );
      }
    });
    return problems;
  }

  /**
   * One event or a batch (array) of them, all valid, or a 400 naming every problem:
   * a batch is accepted whole or not at all.
   */
  parse(body: unknown): RunEvent[] {
    const batch = Array.isArray(body);
    const events = batch ? (body as unknown[]) : [body];
    if (events.length === 0)
      throw new InputError('Invalid OpenLineage events: the batch is empty');
    if (events.length > MAX_BATCH_EVENTS) {
      throw new InputError(
        `Invalid OpenLineage events: at most ${MAX_BATCH_EVENTS} events per request, got ${events.length}`,
      );
    }
    const problems = events.flatMap((event, i) =>
      this.problems(event, batch ? `/${i}` : ''),
    );
    if (problems.length) {
      const shown = problems.slice(0, 50);
      const more =
        problems.length > shown.length
          ? `; and ${problems.length - shown.length} more`
          : '';
      throw new InputError(
        `Invalid OpenLineage event${batch ? 's' : ''}: ${shown.join(
          '; ',
        )}${more}`,
      );
    }
    return events as RunEvent[];
  }
}
