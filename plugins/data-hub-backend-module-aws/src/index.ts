/**
 * The AWS runtime of Cloud Data Hub.
 *
 * @packageDocumentation
 */
export { dataHubModuleAws as default } from './module';
