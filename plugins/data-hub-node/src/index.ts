/**
 * Extension points and service interfaces for Cloud Data Hub backend modules.
 *
 * @packageDocumentation
 */
export * from './DatasetSource';
export * from './extensions';
export * from './AccessGranter';
export * from './QueryEngine';
