import { randomUUID } from 'node:crypto';
import type { Collections } from './database.js';

/**
 * Each organization's configuration version (`organizations.configurationVersion`): what a worker
 * keeps of the organization's configuration (channel accounts, agents and their actions, AI
 * settings layers, webhook subscriptions; activities/kept-configuration.ts) holds while the version
 * it was read under is still the stored one. The repositories that change any of these call
 * `changed` after their write, so a reader that read the version before a change either read the
 * data before it too or reads the version again after it.
 */
export class ConfigurationVersions {
  constructor(private readonly organizations: Collections['organizations']) {}

  /**
   * The organization's configuration was just changed: a version no reader has seen. A fresh id,
   * not a counter: FerretDB's `$inc` is not atomic, and two changes at once must never leave the
   * version where a reader saw it between them.
   */
  async changed(organizationId: string): Promise<void> {
    await this.organizations.updateOne({ _id: organizationId }, { $set: { configurationVersion: randomUUID() } });
  }
}
