export interface Config {
  /** Cloud Data Hub settings. */
  dataHub?: {
    /**
     * The hubs (markets / legal entities) of this portal. Every Dataset lives in one of them,
     * and a hub's use cases may only be granted datasets of the hubs it consumes from.
     * @visibility frontend
     */
    hubs: Array<{
      /** Short name used in Dataset specs, e.g. `global`, `us`, `cn`. @visibility frontend */
      name: string;
      /** Display name. @visibility frontend */
      title?: string;
      /** Home AWS region of the hub. @visibility frontend */
      region: string;
      /** AWS account id of the hub's storage account. @visibility frontend */
      accountId: string;
      /** Hubs whose datasets this hub's use cases may consume; defaults to the hub itself. @visibility frontend */
      consumesFrom?: string[];
    }>;
  };
}
