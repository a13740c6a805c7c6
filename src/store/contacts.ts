import type { Contact } from '../domain/model.js';
import type { Collections } from './database.js';

/** Regular-expression characters in a user's search text, matched literally. */
const regexSpecials = /[.*+?^${}()|[\]\\]/g;

/** Contacts as the read API sees them: always within one organization. */
export class ContactRepository {
  constructor(private readonly collection: Collections['contacts']) {}

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
}
