// The manifest must ask for exactly the scopes the code needs: every Web API method the source
// calls, every event it subscribes to, and the slash command and shortcut.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// From Slack's method reference (docs.slack.dev/reference/methods): bot scopes each method needs
// for public and private channels.
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'views.open': [],
  'views.update': [],
  'views.publish': [],
  'bookmarks.add': ['bookmarks:write'],
  'bookmarks.list': ['bookmarks:read'],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.create': ['channels:manage', 'groups:write'],
  'conversations.setTopic': ['channels:manage', 'groups:write'],
  'conversations.setPurpose': ['channels:manage', 'groups:write'],
  'conversations.invite': ['channels:manage', 'groups:write'],
  'conversations.join': ['channels:join'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.info': ['channels:read', 'groups:read'],
  // Also a direct message's: a weekly reminder looks for itself before posting again (postOnce).
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.members': ['channels:read', 'groups:read'],
  // A direct message with one person (the whole timeline as a file).
  'conversations.open': ['im:write'],
  'pins.add': ['pins:write'],
  'users.info': ['users:read'],
  'users.conversations': ['channels:read', 'groups:read'],
  'users.lookupByEmail': ['users:read', 'users:read.email'],
  'files.uploadV2': ['files:write'],
  'files.list': ['files:read'],
};

const EVENT_SCOPES: Record<string, string[]> = {
  app_home_opened: [],
  member_joined_channel: ['channels:read', 'groups:read'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  // Ends the web sessions of a deactivated account or a new guest.
  user_change: ['users:read'],
};

const root = path.resolve(import.meta.dirname, '../..');
const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

function methodsCalled(): Set<string> {
  const methods = new Set<string>();
  const call =
    /\b(?:slack|client)\.(auth|bookmarks|chat|conversations|pins|users|views|reactions|files|canvases)\.(\w+)\(/g;
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(call)) methods.add(`${match[1]}.${match[2]}`);
  }
  return methods;
}

describe('manifest.yml', () => {
  it('asks for exactly the bot scopes the called methods, events, command and shortcut need', () => {
    const methods = methodsCalled();
    expect(methods.size).toBeGreaterThan(5);
    const unknown = [...methods].filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'add these methods to METHOD_SCOPES').toEqual([]);
    const events: string[] = manifest.settings.event_subscriptions.bot_events;
    const needed = new Set([
      'commands',
      ...[...methods].flatMap((m) => METHOD_SCOPES[m]!),
      ...events.flatMap((e) => EVENT_SCOPES[e] ?? [`unknown event ${e}`]),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares the command, the shortcut, interactivity and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/incident']);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'add_to_timeline', name: 'Add to incident timeline' }),
      expect.objectContaining({ type: 'message', callback_id: 'create_action_item', name: 'Make an action item' }),
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['reaction_added', 'reaction_removed', 'member_joined_channel']),
    );
  });
});
