import { effectiveDailyTokenBudget, type TokenBudgetStatus } from '../domain/token-budget.js';
import { nextUtcDay, utcDay } from '../domain/utc-day.js';
import type { Organization } from '../domain/model.js';
import type { Collections } from './database.js';

const usageId = (organizationId: string, day: string) => `${organizationId}:${day}`;

/**
 * Each organization's provider tokens per UTC day, against its budget. Counted after every provider
 * call that reports usage (tool rounds and AI tests included). A budget can be overshot by the calls
 * already under way when it is reached; on FerretDB, whose `$inc` is not atomic, concurrent calls may
 * also under-count a little. Both err by at most a few calls' tokens.
 */
export class TokenBudgets {
  constructor(
    private readonly collections: Pick<Collections, 'organizations' | 'aiTokenUsage'>,
    /** `AI_DAILY_TOKEN_BUDGET` (0: none). */
    private readonly serviceBudget: number,
  ) {}

  /** `organization`: its budget as the caller already read it (a reply turn); else read here. */
  async status(
    organizationId: string,
    { at = new Date(), organization }: { at?: Date; organization?: Pick<Organization, 'dailyTokenBudget'> | null } = {},
  ): Promise<TokenBudgetStatus> {
    const day = utcDay(at);
    const [read, usage] = await Promise.all([
      organization !== undefined
        ? organization
        : this.collections.organizations.findOne({ _id: organizationId }, { projection: { dailyTokenBudget: 1 } }),
      this.collections.aiTokenUsage.findOne({ _id: usageId(organizationId, day), organizationId }),
    ]);
    const organizationBudget = read?.dailyTokenBudget ?? null;
    const budget = effectiveDailyTokenBudget(this.serviceBudget, organizationBudget);
    const used = usage?.tokens ?? 0;
    return {
      day,
      budget,
      organizationBudget,
      used,
      exceeded: budget !== null && used >= budget,
      resetsAt: nextUtcDay(at),
    };
  }

  async record(organizationId: string, tokens: number, at = new Date()): Promise<void> {
    if (tokens <= 0) return;
    const day = utcDay(at);
    await this.collections.aiTokenUsage.updateOne(
      { _id: usageId(organizationId, day), organizationId },
      { $inc: { tokens }, $set: { day, updatedAt: at } },
      { upsert: true },
    );
  }

  /** The organization's own budget (null: the service's applies). */
  async setOrganizationBudget(organizationId: string, budget: number | null): Promise<void> {
    await this.collections.organizations.updateOne({ _id: organizationId }, { $set: { dailyTokenBudget: budget } });
  }
}
