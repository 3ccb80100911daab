/** The manifest.json of the Hallpass Claude Desktop extension (MCPB manifest spec 0.3). */
import { z } from 'zod';

/** The bundled shim, relative to the bundle root. */
export const ENTRY_POINT = 'server/index.mjs';

/** The MCPB 0.3 manifest fields this bundle uses, strict (the spec rejects unknown keys). */
export const manifestSchema = z.strictObject({
  manifest_version: z.literal('0.3'),
  name: z.string().regex(/^[a-z0-9-]+$/),
  display_name: z.string(),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+].*)?$/),
  description: z.string().max(200),
  long_description: z.string(),
  author: z.strictObject({ name: z.string(), url: z.url().optional() }),
  license: z.string(),
  icon: z.string().optional(),
  keywords: z.array(z.string()),
  server: z.strictObject({
    type: z.literal('node'),
    entry_point: z.string(),
    mcp_config: z.strictObject({ command: z.string(), args: z.array(z.string()), env: z.record(z.string(), z.string()) }),
  }),
  tools_generated: z.boolean(),
  user_config: z.record(z.string(), z.strictObject({
    type: z.enum(['string', 'number', 'boolean', 'directory', 'file']),
    title: z.string(),
    description: z.string(),
    required: z.boolean().optional(),
    sensitive: z.boolean().optional(),
  })),
  compatibility: z.strictObject({
    platforms: z.array(z.enum(['darwin', 'win32', 'linux'])),
    runtimes: z.strictObject({ node: z.string() }),
  }),
});

export type McpbManifest = z.infer<typeof manifestSchema>;

/** The manifest for package version `version`; `withIcon` when icon.png is in the bundle. */
export function hallpassManifest(version: string, withIcon: boolean): McpbManifest {
  return manifestSchema.parse({
    manifest_version: '0.3',
    name: 'hallpass',
    display_name: 'Hallpass',
    version,
    description: 'Your MCP tools, usable only inside sessions you approve: scoped, time-boxed, audited.',
    long_description: [
      'Connects Claude Desktop to the Hallpass running on this computer. Claude sees every tool of the servers',
      'behind Hallpass, but can use one only inside a session a person approved in Hallpass\' own window: an',
      'explicit scope, a hard expiry and a kill switch. Hallpass must be running (the app, or `hallpass serve`).',
      '',
      'Paste the token that `hallpass clients add "Claude Desktop"` printed into the extension\'s settings.',
    ].join('\n'),
    author: { name: 'Hallpass' },
    license: 'MIT',
    ...(withIcon ? { icon: 'icon.png' } : {}),
    keywords: ['mcp', 'gateway', 'approval', 'security', 'audit'],
    server: {
      type: 'node',
      entry_point: ENTRY_POINT,
      // The shim reads the token from HALLPASS_TOKEN and finds the instance through the default data dir.
      mcp_config: { command: 'node', args: [`\${__dirname}/${ENTRY_POINT}`], env: { HALLPASS_TOKEN: '${user_config.token}' } },
    },
    tools_generated: true,
    user_config: {
      token: {
        type: 'string',
        title: 'Hallpass client token',
        description: 'The token shown once by `hallpass clients add "Claude Desktop"` (or by Connect an agent in Hallpass).',
        required: true,
        // SECURITY: Claude Desktop masks it and keeps it in the OS keychain.
        sensitive: true,
      },
    },
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: '>=18.0.0' } },
  });
}
