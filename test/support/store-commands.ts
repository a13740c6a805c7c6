/** A process's `convo_pilot_store_commands_total`, as `"<command> <collection>" → count`. */
export async function storeCommands(metricsBaseUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${metricsBaseUrl}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const match of text.matchAll(
    /^convo_pilot_store_commands_total\{command="([^"]*)",collection="([^"]*)"\} (\S+)$/gm,
  ))
    counts.set(`${match[1]} ${match[2]}`, Number(match[3]));
  return counts;
}

/** What was counted between two readings, without the commands that were not made. */
export function commandsSpent(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  return Object.fromEntries(
    [...after].map(([name, count]) => [name, count - (before.get(name) ?? 0)]).filter(([, count]) => count !== 0),
  );
}
