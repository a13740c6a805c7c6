import { notFound } from '../domain/errors.js';
import type { AiLog } from '../domain/model.js';
import { replyOfPart } from '../domain/typing.js';
import type { AgentRepository } from '../store/agents.js';
import type { AiLogRepository } from '../store/ai-logs.js';
import type { MessageRepository } from '../store/messages.js';

export type GenerationSource = NonNullable<AiLog['source']>;

export interface ExplainGenerationCommand {
  organizationId: string;
  messageId: string;
  source: GenerationSource;
}

/**
 * What produced an AI message (seed 004's generation details): the system prompt, the history the
 * model saw, the contact's messages it answered, the knowledge chunks and the actions it took, and
 * the agent's goal if the agent still exists.
 */
export class ExplainGeneration {
  constructor(
    private readonly aiLogs: AiLogRepository,
    private readonly messages: MessageRepository,
    private readonly agents: AgentRepository,
  ) {}

  async execute({ organizationId, ...query }: ExplainGenerationCommand) {
    // A split reply's later parts are messages of their own: each is explained by the reply's log.
    const partOf = replyOfPart(query.messageId);
    const found = await this.aiLogs.findForMessage(organizationId, query.messageId, partOf);
    const log =
      found && found._id === partOf && !found.parts?.some((part) => part.messageId === query.messageId) ? null : found;
    // Logs written before agents existed carry no source: they answered the contact.
    if (!log || (log.source ?? 'conversation') !== query.source) throw notFound('Generation');
    const [triggers, agent] = await Promise.all([
      this.messages.byIdsOldestFirst(organizationId, log.triggerMessageIds),
      log.agentId ? this.agents.findInOrganization(organizationId, log.agentId) : null,
    ]);
    const system = log.prompt.filter((message) => message.role === 'system');
    return {
      prompt: system.map((message) => message.content).join('\n\n'),
      history: log.prompt.filter((message) => message.role !== 'system'),
      responseMessage: log.reply ?? '',
      input: triggers.map((message) => message.text).join('\n'),
      intent: agent?.goal ?? null,
      agentId: log.agentId ?? null,
      mode: log.agentMode ?? null,
      actionLogs: log.actionLogs ?? [],
      knowledgeBaseChunks: log.knowledgeChunks ?? [],
    };
  }
}
