import { createHash } from 'node:crypto';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ForwardedError } from '@backstage/errors';
import type { AwsHubConfig } from '../AwsHubConfig';
import { LRUCache } from 'lru-cache';

/** Who a query runs as: a use case's consumer role, in a session named for the user. */
export interface ConsumerRole {
  hub: AwsHubConfig;
  roleArn: string;
  sessionName: string;
}

/** One key per hub, role and session, for what is kept per role session. */
export function consumerRoleKey(role: ConsumerRole): string {
  return `${role.hub.hub}\u0000${role.roleArn}\u0000${role.sessionName}`;
}

/** Temporary credentials of an assumed role (the SDK's `AwsCredentialIdentity` shape). */
export interface AssumedRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface ConsumerRoleCredentialsOptions {
  /** Lifetime asked of STS; short, since a query session needs no more. Default 900 s (STS's minimum). */
  durationSeconds?: number;
  /**
   * Credentials closer than this to their expiry are assumed anew. It is above the SDK's own
   * 5-minute refresh window, so a client asking for fresh credentials always gets them.
   */
  refreshBeforeExpiryMs?: number;
  /** Roles × sessions remembered at once. */
  capacity?: number;
  now?: () => number;
}

interface CacheEntry {
  credentials: Promise<AssumedRoleCredentials>;
  expiresAt?: number;
}

/** Characters STS allows in a RoleSessionName. */
const SESSION_NAME_INVALID = /[^\w+=,.@-]/g;

/**
 * The RoleSessionName of a user's queries: CloudTrail and Athena's history then show who ran
 * what under the shared use-case role. STS allows 2–64 characters of `[\w+=,.@-]`; longer
 * refs keep a hash of the whole ref so that two users never collapse into one name.
 */
export function roleSessionName(userRef: string): string {
  const name = `cdh-${userRef.replace(SESSION_NAME_INVALID, '-')}`;
  if (name.length <= 64) {
    return name;
  }
  const hash = createHash('sha256').update(userRef).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}-${hash}`;
}

/**
 * Assumes use cases' consumer roles (STS AssumeRole from the hub's portal identity) and keeps
 * the credentials until shortly before they expire. Concurrent requests for the same role
 * and session share one AssumeRole call; a failed one is forgotten at once, so a fixed trust
 * policy works on the next query.
 */
export class ConsumerRoleCredentials {
  private readonly cache: LRUCache<string, CacheEntry>;
  private readonly durationSeconds: number;
  private readonly refreshBeforeExpiryMs: number;
  private readonly now: () => number;

  constructor(
    private readonly stsFor: (hub: AwsHubConfig) => STSClient,
    options: ConsumerRoleCredentialsOptions = {},
  ) {
    this.durationSeconds = options.durationSeconds ?? 900;
    this.refreshBeforeExpiryMs = options.refreshBeforeExpiryMs ?? 6 * 60_000;
    this.now = options.now ?? Date.now;
    this.cache = new LRUCache({ max: options.capacity ?? 500 });
  }

  get(role: ConsumerRole): Promise<AssumedRoleCredentials> {
    const key = consumerRoleKey(role);
    const cached = this.cache.get(key);
    if (
      cached &&
      (cached.expiresAt === undefined ||
        cached.expiresAt - this.now() > this.refreshBeforeExpiryMs)
    ) {
      // Either still being assumed (shared) or fresh enough.
      return cached.credentials;
    }
    const entry: CacheEntry = {
      credentials: this.assume(role).then(
        credentials => {
          entry.expiresAt = credentials.expiration.getTime();
          return credentials;
        },
        error => {
          if (this.cache.get(key) === entry) this.cache.delete(key);
          throw error;
        },
      ),
    };
    this.cache.set(key, entry);
    return entry.credentials;
  }

  private async assume(role: ConsumerRole): Promise<AssumedRoleCredentials> {
    let output;
    try {
      output = await this.stsFor(role.hub).send(
        new AssumeRoleCommand({
          RoleArn: role.roleArn,
          RoleSessionName: role.sessionName,
          DurationSeconds: this.durationSeconds,
        }),
      );
    } catch (e) {
      throw new ForwardedError(
        `The portal could not assume the use case's role ${
          role.roleArn
        } to query hub "${
          role.hub.hub
        }": the role's trust policy must allow sts:AssumeRole by ${
          role.hub.roleArn ?? "the backend's own identity"
        }, and that identity needs sts:AssumeRole on the role`,
        e,
      );
    }
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
      throw new Error(
        `STS returned no credentials for ${role.roleArn} (hub "${role.hub.hub}")`,
      );
    }
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      expiration:
        c.Expiration ?? new Date(this.now() + this.durationSeconds * 1000),
    };
  }
}
