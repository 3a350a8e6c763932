/**
 * Scaffolder actions used by the Cloud Data Hub templates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleDataHub as default } from './module';
