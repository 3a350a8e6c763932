/**
 * The one registered implementation to use (granter, engine): the only one registered, or
 * the one the config key names. Several without a choice is a start-up error.
 */
export function selectRegistered<T extends { id: string }>(
  registered: T[],
  configured: string | undefined,
  what: string,
  configKey: string,
): T | undefined {
  if (configured) {
    const found = registered.find(r => r.id === configured);
    if (!found) {
      throw new Error(
        `${configKey} is "${configured}", but the registered ${what}s are: ${
          registered.map(r => r.id).join(', ') || 'none'
        }`,
      );
    }
    return found;
  }
  if (registered.length > 1) {
    throw new Error(
      `Several ${what}s are registered (${registered
        .map(r => r.id)
        .join(', ')}); choose one with ${configKey}`,
    );
  }
  return registered[0];
}
