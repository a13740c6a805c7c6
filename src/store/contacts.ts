import type { Contact } from '../domain/model.js';
import type { ConfigurationVersions } from './configuration-versions.js';
import { insertUnlessExists, type Collections } from './database.js';
import type { RecentReads } from './recent-reads.js';

/** Who a contact is on a channel account: the channel's id for them. */
export interface ChannelIdentity {
  organizationId: string;
  channelAccountId: string;
  externalId: string;
}

const identityKey = ({ organizationId, channelAccountId, externalId }: ChannelIdentity) =>
  `${organizationId}/${channelAccountId}/${externalId}`;

/** Regular-expression characters in a user's search text, matched literally. */
const regexSpecials = /[.*+?^${}()|[\]\\]/g;

/**
 * Contacts, always within one organization. A contact changes only when a person or an agent action
 * changes it (never with a message), so a change moves the organization's configuration version and
 * workers keep contacts with the configuration. With `recent` (the API's), ingest reuses a contact
 * read a moment ago; a change through this repository forgets it.
 */
export class ContactRepository {
  constructor(
    private readonly collection: Collections['contacts'],
    private readonly configuration: ConfigurationVersions,
    private readonly recent?: RecentReads<Contact>,
  ) {}

  findInOrganization(organizationId: string, id: string): Promise<Contact | null> {
    return this.collection.findOne({ _id: id, organizationId });
  }

  /**
   * The contact the channel knows by this id, as read at most a few seconds ago in this process
   * (`API_READ_CACHE_SECONDS`): ingest's request path.
   */
  findByChannelIdentityRecent(identity: ChannelIdentity): Promise<Readonly<Contact> | null> {
    const find = () => this.collection.findOne({ ...identity });
    return this.recent ? this.recent.read(identityKey(identity), find) : find();
  }

  /**
   * Inserts `create()` for an identity just looked up and not found; a concurrent caller's contact
   * wins. The contact is kept like one just read.
   */
  async insertUnlessExists(identity: ChannelIdentity, create: () => Promise<Contact>): Promise<Readonly<Contact>> {
    const contact = await insertUnlessExists(this.collection, { ...identity }, create);
    return this.recent ? this.recent.keep(identityKey(identity), contact) : contact;
  }

  /** Sets fields of a contact of the organization; the contact after the change, or null. */
  async update(organizationId: string, id: string, set: Partial<Contact>): Promise<Contact | null> {
    const after = await this.collection.findOneAndUpdate(
      { _id: id, organizationId },
      { $set: set },
      { returnDocument: 'after' },
    );
    await this.changed(organizationId, id);
    return after;
  }

  /** Sets fields of a contact of the organization (dotted paths allowed: `customFields.x`). */
  async setFields(organizationId: string, id: string, set: Record<string, unknown>): Promise<void> {
    await this.collection.updateOne({ _id: id, organizationId }, { $set: set });
    await this.changed(organizationId, id);
  }

  /** Ids of the organization's contacts with any of these phone numbers or emails. */
  async idsWithIdentity(organizationId: string, identities: ({ phone: string } | { email: string })[]) {
    const found = await this.collection.find({ organizationId, $or: identities }, { projection: { _id: 1 } }).toArray();
    return found.map(({ _id }) => _id);
  }

  /** The contact a reference names: its per-organization number (digits only) or its id. */
  findByNumberOrId(organizationId: string, ref: string): Promise<Contact[]> {
    return this.collection
      .find({ organizationId, ...(/^\d{1,15}$/.test(ref) ? { number: Number(ref) } : { _id: ref }) })
      .toArray();
  }

  /** Contacts whose channel gave this email (never an AI-written one: those are unverified). */
  findByEmail(organizationId: string, email: string): Promise<Contact[]> {
    return this.collection.find({ organizationId, email }).toArray();
  }

  /** Up to 50 contacts whose channel gave this phone number. */
  findByPhone(organizationId: string, phone: string): Promise<Contact[]> {
    return this.collection.find({ organizationId, phone }).limit(50).toArray();
  }

  /**
   * One lookup by `_id` per contact, side by side: FerretDB 1.24 pushes only equality down to
   * PostgreSQL, so an `$in` would read every contact of the organization.
   */
  async byIds(organizationId: string, ids: string[]): Promise<Contact[]> {
    const found = await Promise.all(ids.map((_id) => this.collection.findOne({ _id, organizationId })));
    return found.filter((contact) => contact !== null);
  }

  /** Ids of up to `limit` contacts whose name, phone or email contains `text` (any letter case). */
  async idsMatching(organizationId: string, text: string, limit: number): Promise<string[]> {
    const pattern = { $regex: text.replace(regexSpecials, '\\$&'), $options: 'i' };
    const matches = await this.collection
      .find(
        { organizationId, $or: [{ name: pattern }, { phone: pattern }, { email: pattern }] },
        { projection: { _id: 1 } },
      )
      .limit(limit)
      .toArray();
    return matches.map(({ _id }) => _id);
  }

  /** After a change of the contact: forgotten here, and the workers' copies by the new version. */
  private async changed(organizationId: string, id: string): Promise<void> {
    this.recent?.forgetWhere((contact) => contact._id === id);
    await this.configuration.changed(organizationId);
  }
}
