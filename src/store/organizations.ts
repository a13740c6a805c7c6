import type { Organization } from '../domain/model.js';
import type { Collections } from './database.js';

export type OrganizationForTurn = Pick<Organization, '_id' | 'configurationVersion' | 'dailyTokenBudget'>;

/** Organizations (`organizations`): the tenant and its provider status. */
export class OrganizationRepository {
  constructor(private readonly collection: Collections['organizations']) {}

  findById(organizationId: string): Promise<Organization | null> {
    return this.collection.findOne({ _id: organizationId });
  }

  /** What a reply turn reads of its organization: its configuration version and its own token budget. */
  forTurn(organizationId: string): Promise<OrganizationForTurn | null> {
    return this.collection.findOne(
      { _id: organizationId },
      { projection: { _id: 1, configurationVersion: 1, dailyTokenBudget: 1 } },
    );
  }

  async insert(organization: Organization): Promise<void> {
    await this.collection.insertOne(organization);
  }

  async setProviderStatus(organizationId: string, providerStatus: Organization['providerStatus']): Promise<void> {
    await this.collection.updateOne({ _id: organizationId }, { $set: { providerStatus } });
  }

  /** The organization's provider is out of funds: enabling AI is refused until an admin resets it. */
  markOutOfFunds(organizationId: string): Promise<void> {
    return this.setProviderStatus(organizationId, 'insufficient_funds');
  }
}
