/**
 * Per-organization daily token budgets (per UTC day): which budget is in force. The
 * service's budget (`AI_DAILY_TOKEN_BUDGET`) protects the operator; an organization may set a lower
 * one for itself, never a higher one. 0 or null means no budget at that level.
 */

/** The AI log's reason for a turn not sent because its organization spent its tokens for the day. */
export const BUDGET_EXCEEDED_REASON = 'budget_exceeded';

/** The budget in force: the lower of the service's and the organization's; null when neither sets one. */
export function effectiveDailyTokenBudget(service: number, organization: number | null | undefined): number | null {
  const budgets = [service, organization ?? 0].filter((budget) => budget > 0);
  return budgets.length > 0 ? Math.min(...budgets) : null;
}

export interface TokenBudgetStatus {
  day: string;
  /** Null: no budget. */
  budget: number | null;
  /** The organization's own budget, when it set one. */
  organizationBudget: number | null;
  used: number;
  exceeded: boolean;
  resetsAt: Date;
}
