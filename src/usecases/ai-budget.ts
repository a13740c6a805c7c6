import type { TokenBudgetStatus } from '../domain/token-budget.js';
import type { TokenBudgets } from '../store/token-budgets.js';

/** The organization's daily token budget in force and today's use. */
export class GetAiBudget {
  constructor(private readonly budgets: TokenBudgets) {}

  execute({ organizationId }: { organizationId: string }): Promise<TokenBudgetStatus> {
    return this.budgets.status(organizationId);
  }
}

/** Sets (or, with null, clears) the organization's own daily token budget; the budget then in force. */
export class SetAiBudget {
  constructor(private readonly budgets: TokenBudgets) {}

  async execute({ organizationId, budget }: { organizationId: string; budget: number | null }) {
    await this.budgets.setOrganizationBudget(organizationId, budget);
    return this.budgets.status(organizationId);
  }
}
