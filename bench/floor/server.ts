// The floor for issue 27's benchmark: the smallest stdio MCP server on the original session-bridge-mcp's stack (Bun +
// the MCP TypeScript SDK + zod), with the same fifteen tool names and argument shapes as session-bridge. Its tools do
// only what the benchmark calls (list_prompts reads the prompts file); the rest answer a fixed result. It stands in
// for the original, which could not be found: what it measures is the stack's start-up and memory, not the tools.
//   cd bench/floor && npm install && bun server.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const role = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).describe("A role: letters, digits, '-' and '_'.");
const count = z.number().int().min(1).max(500).optional().describe("How many messages.");
const scrollback = z.number().int().min(0).max(10000).optional().describe("Lines of scrollback.");
const state = process.env.SESSION_BRIDGE_DIR ?? join(process.env.HOME ?? "/tmp", ".claude", "session-bridge");
const text = (value: unknown) => ({ content: [{ type: "text" as const, text: JSON.stringify(value) }] });
const done = async () => text({ ok: true });

const server = new McpServer({ name: "session-bridge-floor", version: "1.0.0" });
server.registerTool("register", { description: "Register this session's pane under a role.", inputSchema: { role, pane: z.string().optional() } }, done);
server.registerTool("list_peers", { description: "The registered sessions.", inputSchema: {} }, done);
server.registerTool("send", {
    description: "Type a message into a peer's prompt.",
    inputSchema: { to: role, from: role.optional(), text: z.string(), enter: z.boolean().optional(), prefix: z.boolean().optional(), reply_to: z.string().optional(), hold: z.boolean().optional() },
}, done);
server.registerTool("read_peer", { description: "A peer's screen.", inputSchema: { role, lines: scrollback } }, done);
server.registerTool("detect_question", { description: "Whether a peer waits on a question.", inputSchema: { role, lines: scrollback } }, done);
server.registerTool("respond", {
    description: "Answer a peer's menu.",
    inputSchema: { role, keys: z.array(z.string()).optional(), option: z.string().optional(), request: z.string().optional(), options: z.array(z.string()).optional(), text: z.string().optional(), reason: z.string().optional() },
}, done);
server.registerTool("history", { description: "Recent messages.", inputSchema: { limit: count, role: role.optional(), thread: z.string().optional() } }, done);
server.registerTool("inbox", { description: "A role's inbox.", inputSchema: { role, limit: count, unread_only: z.boolean().optional(), mark_read: z.boolean().optional() } }, done);
server.registerTool("broadcast", { description: "Send to every peer.", inputSchema: { from: role, text: z.string(), roles: z.array(role).optional() } }, done);
server.registerTool("wait_for", {
    description: "Wait for a peer.",
    inputSchema: { role, until: z.enum(["idle", "question", "message", "delivered"]), timeout: z.number().int().min(1).max(600).optional(), me: role.optional(), reply_to: z.string().optional(), id: z.string().optional() },
}, done);
server.registerTool("supervise", { description: "Be told when a peer waits.", inputSchema: { roles: z.array(role), stop: z.boolean().optional(), by: role.optional(), auto: z.boolean().optional() } }, done);
server.registerTool("set_prompt", { description: "Save a role's briefing.", inputSchema: { role, prompt: z.string() } }, done);
server.registerTool("get_prompt", { description: "A role's saved briefing.", inputSchema: { role } }, done);
server.registerTool("list_prompts", { description: "Every saved briefing.", inputSchema: {} }, async () => {
    try {
        return text({ prompts: JSON.parse(await readFile(join(state, "prompts.json"), "utf8")) });
    } catch {
        return text({ prompts: [] });
    }
});
server.registerTool("delete_prompt", { description: "Forget a role's briefing.", inputSchema: { role } }, done);
await server.connect(new StdioServerTransport());
