/** The configuration a new agent needs, built once from the one-time token. */

/** Config snippets for common MCP clients. */
export function clientConfigText(mcpUrl: string, token: string): { json: string; claudeCode: string } {
  const json = JSON.stringify(
    { mcpServers: { hallpass: { type: 'http', url: mcpUrl, headers: { Authorization: `Bearer ${token}` } } } },
    null,
    2,
  );
  const claudeCode = `claude mcp add --transport http hallpass ${mcpUrl} --header "Authorization: Bearer ${token}"`;
  return { json, claudeCode };
}
