/**
 * The Cloud Data Hub backend plugin.
 *
 * @packageDocumentation
 */
export { dataHubPlugin as default } from './plugin';
