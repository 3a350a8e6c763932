import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { AccessRequest } from '@cloud-data-hub/data-hub-common';
import type { StoredGrant } from './AccessStore';

const TOPIC = 'data-hub-access';

/**
 * Tells people what happened through Backstage's notifications service. Callers do not wait
 * for it (the transition is already committed), and a failed notification is only logged.
 */
export class AccessNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  private link(request: { id: string }) {
    return `/data-hub/access-requests?request=${encodeURIComponent(
      request.id,
    )}`;
  }

  private async send(options: Parameters<NotificationService['send']>[0]) {
    try {
      await this.notifications.send(options);
    } catch (error) {
      this.logger.warn(
        `Could not send notification "${options.payload.title}": ${error}`,
      );
    }
  }

  private name(request: AccessRequest) {
    return request.datasetTitle ?? request.datasetRef;
  }

  async requestCreated(request: AccessRequest) {
    await this.send({
      recipients: {
        type: 'entity',
        entityRef: request.datasetOwner,
        excludeEntityRef: request.requester,
      },
      payload: {
        title: `Access request for ${this.name(request)}`,
        description: `${request.requester} asks for ${request.useCaseRef} (${request.durationDays} days): ${request.justification}`,
        link: this.link(request),
        severity: 'normal',
        topic: TOPIC,
        scope: `access-request:${request.id}`,
      },
    });
  }

  /** An approval is told by `granted` or `grantFailed`, with its outcome. */
  async rejected(request: AccessRequest) {
    await this.send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `Access to ${this.name(request)} rejected`,
        description: `${
          request.decidedBy ?? 'An owner'
        } rejected your request for ${request.useCaseRef}${
          request.decisionComment ? `: ${request.decisionComment}` : ''
        }`,
        link: this.link(request),
        severity: 'high',
        topic: TOPIC,
        scope: `access-request:${request.id}`,
      },
    });
  }

  async granted(request: AccessRequest, grant: StoredGrant) {
    await this.send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `Access to ${this.name(request)} granted`,
        description: `${request.decidedBy ?? 'An owner'} approved: ${
          request.useCaseRef
        } may read ${grant.tables
          .map(t => `${t.name} (${t.columns.length} columns)`)
          .join(', ')} until ${grant.expiresAt}`,
        link: this.link(request),
        severity: 'normal',
        topic: TOPIC,
        scope: `access-request:${request.id}`,
      },
    });
  }

  async grantFailed(request: AccessRequest, error: string) {
    await this.send({
      recipients: {
        type: 'entity',
        entityRef: [request.requester, request.datasetOwner],
      },
      payload: {
        title: `Granting access to ${this.name(request)} failed`,
        description: error,
        link: this.link(request),
        severity: 'high',
        topic: TOPIC,
        scope: `access-request:${request.id}`,
      },
    });
  }

  async expiringSoon(request: AccessRequest, grant: StoredGrant) {
    await this.send({
      recipients: { type: 'entity', entityRef: request.requester },
      payload: {
        title: `Access to ${this.name(request)} expires soon`,
        description: `The grant of ${grant.useCaseRef} ends ${grant.expiresAt}; request an extension to keep it.`,
        link: this.link(request),
        severity: 'high',
        topic: TOPIC,
        scope: `grant-reminder:${grant.id}`,
      },
    });
  }

  async ended(
    request: AccessRequest,
    grant: StoredGrant,
    how: 'expired' | 'revoked',
    by: string,
  ) {
    await this.send({
      recipients: {
        type: 'entity',
        entityRef: request.requester,
        excludeEntityRef: by,
      },
      payload: {
        title: `Access to ${this.name(request)} ${how}`,
        description: `The grant of ${grant.useCaseRef} ${
          how === 'expired' ? 'expired' : `was revoked by ${by}`
        }.`,
        link: this.link(request),
        severity: 'normal',
        topic: TOPIC,
        scope: `access-request:${request.id}`,
      },
    });
  }
}
